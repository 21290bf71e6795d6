// Speed of the tender side of the chain at the scale of a large procurement: evaluating 20
// tenders against 1,000 requirements by each model, and reading back a filled 1,000-row answer
// matrix. Prints figures; nothing here asserts a duration. Run: build/tender_bench [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "domain/tender.hpp"
#include "io/answer_matrix.hpp"
#include "io/xlsx_writer.hpp"

using namespace kk::domain;
using Clock = std::chrono::steady_clock;

namespace {
template <class F>
double median_ms(int reps, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

constexpr int requirements = 1000;
constexpr int tenders = 20;

std::vector<AnswerTerms> terms_of() {
  std::vector<AnswerTerms> out;
  for (int i = 0; i < requirements; ++i) {
    AnswerTerms t;
    t.requirement_id = "R-" + std::to_string(i);
    t.mandatory = i % 7 != 0;
    t.weight = t.mandatory ? 0 : 1 + i % 5;
    t.deduction_sek = t.mandatory ? 0 : 1000 * (1 + i % 5);
    t.equivalent_allowed = i % 11 == 0;
    out.push_back(t);
  }
  return out;
}

std::vector<TenderInput> tenders_of(const std::vector<AnswerTerms>& terms) {
  std::vector<TenderInput> out;
  for (int k = 0; k < tenders; ++k) {
    TenderInput in{"T-" + std::to_string(k), 1000000 + 1000 * k, {}, {}};
    for (const auto& t : terms) {
      TenderAnswer a;
      a.requirement_id = t.requirement_id;
      a.choice = (k + t.weight) % 3 == 0 && !t.mandatory ? AnswerChoice::no : AnswerChoice::yes;
      in.answers.push_back(a);
    }
    out.push_back(std::move(in));
  }
  return out;
}

kk::io::SpecDocument document_of(const std::vector<AnswerTerms>& terms) {
  kk::io::SpecDocument doc;
  doc.title = "Bilaga";
  doc.registry_number = "KS 2026/1";
  kk::io::DocSection section{"1", "Krav på tjänsten", "", {{"Område", {}}}};
  for (std::size_t i = 0; i < terms.size(); ++i) {
    kk::io::DocRequirement r;
    r.number = "1." + std::to_string(i + 1);
    r.id = terms[i].requirement_id;
    r.mandatory = terms[i].mandatory;
    r.kind_label = r.mandatory ? "Ska-krav" : "Bör-krav";
    r.weight = terms[i].weight;
    r.text = "Leverantören ska uppfylla krav nummer " + std::to_string(i) + " om informationssäkerhet.";
    r.answer = "yes_no";
    section.areas[0].requirements.push_back(r);
  }
  doc.sections.push_back(section);
  return doc;
}
}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
  auto terms = terms_of();
  auto inputs = tenders_of(terms);
  EvaluationModel points;
  EvaluationModel deduction{EvaluationMethod::price_deduction, {}};
  for (const auto& t : terms)
    if (!t.mandatory) deduction.deductions[t.requirement_id] = t.deduction_sek;
  std::size_t ranked = 0;
  double by_points = median_ms(reps, [&] {
    auto r = evaluate_tenders(points, terms, inputs);
    ranked = std::count_if(r.begin(), r.end(), [](const TenderResult& x) { return x.rank > 0; });
  });
  double by_deduction = median_ms(reps, [&] { evaluate_tenders(deduction, terms, inputs); });
  std::printf("evaluation of %d tenders x %d requirements: points %.2f ms median (%zu ranked), price deduction %.2f ms median\n",
              tenders, requirements, by_points, ranked, by_deduction);

  auto doc = document_of(terms);
  std::string xlsx = kk::io::write_answer_matrix_xlsx(doc);
  std::size_t rows = 0;
  double reading = median_ms(std::max(3, reps / 3), [&] {
    auto r = kk::io::answer_matrix::read_filled(xlsx, doc);
    rows = r ? r->answers.size() : 0;
  });
  std::printf("reading a %d-row answer matrix (%zu bytes): %.1f ms median, %zu rows\n", requirements, xlsx.size(), reading,
              rows);
  return 0;
}
