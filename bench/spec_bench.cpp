// Speed of the heavy single request of the requirement chain (DESIGN.md "Scale on paper"):
// the case classification over 200 assets, rule evaluation against a 1,000-requirement
// catalogue with 300 rules, and writing the DOCX and XLSX of the result. Prints figures;
// nothing here asserts a duration. Run: build/spec_bench [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "domain/rule_evaluation.hpp"
#include "io/docx_writer.hpp"
#include "io/spec_document.hpp"
#include "io/xlsx_writer.hpp"

using namespace kk::domain;
using Clock = std::chrono::steady_clock;

namespace {
const char* const areas[] = {"organisation", "personal", "fysisk_miljo", "behorighet", "loggning", "kryptering",
                             "drift", "kontinuitet", "incident", "leverantorer", "dataskydd", "avtal", "avslut",
                             "utveckling"};

Catalogue synthetic_catalogue(int n) {
  Catalogue c;
  c.id = "bench";
  for (const char* a : areas) c.areas.push_back({a, a, {a, a}});
  for (int i = 0; i < n; ++i) {
    Requirement r;
    r.id = "R-" + std::to_string(i);
    r.area = areas[i % 14];
    r.kind = i % 7 == 0 ? RequirementKind::bor : RequirementKind::ska;
    r.weight = r.kind == RequirementKind::bor ? 1 + i % 5 : 0;
    r.placement = static_cast<Placement>(i % 3);
    r.ska_text = "Leverantören ska uppfylla krav nummer " + std::to_string(i) +
                 " om informationssäkerhet, med en text av ungefär den längd som katalogens krav har i praktiken.";
    r.motive = "Motiv för krav " + std::to_string(i) + ".";
    r.verification = {Verification::beskrivning};
    r.sources = {"bench"};
    c.requirements.push_back(std::move(r));
  }
  c.build_index();
  return c;
}

RuleSet synthetic_rules(int n, int requirements) {
  RuleSet s;
  s.id = "bench";
  for (int i = 0; i < n; ++i) {
    Rule r;
    r.id = "rule-" + std::to_string(i);
    const char* aspect = i % 3 == 0 ? "confidentiality" : i % 3 == 1 ? "integrity" : "availability";
    Condition level{Condition::Kind::fact, {}, aspect, {Matcher::Op::gte, {static_cast<long long>(i % 4)}}};
    Condition cloud{Condition::Kind::fact, {}, "cloud", {Matcher::Op::eq, {true}}};
    r.when = i % 2 ? level : Condition{Condition::Kind::all, {level, cloud}, {}, {}};
    for (int k = 0; k < 5; ++k) r.include.push_back("R-" + std::to_string((i * 7 + k * 13) % requirements));
    if (i % 50 == 0) r.finding = FindingDefinition{Severity::info, {"Fynd", "Finding"}, std::nullopt};
    s.rules.push_back(std::move(r));
  }
  return s;
}

template <class F>
double median_ms(int reps, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto start = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

kk::io::SpecDocument document_of(const Evaluation& ev, const Catalogue& cat) {
  kk::io::SpecDocument doc;
  doc.title = "Bilaga – Villkor för informationssäkerhet";
  doc.registry_number = "KS 2026/1";
  doc.case_title = "Benchmark";
  for (int p = 0; p < 3; ++p) {
    kk::io::DocSection section{std::to_string(p + 1), "Avsnitt " + std::to_string(p + 1), "", {}};
    for (const char* a : areas) section.areas.push_back({a, {}});
    doc.sections.push_back(std::move(section));
  }
  int n = 0;
  for (const auto& e : ev.entries) {
    const Requirement& r = *cat.find(e.requirement_id);
    auto& area = doc.sections[static_cast<int>(r.placement) % 3].areas[cat.area_index(r.area)];
    kk::io::DocRequirement d;
    d.number = std::to_string(++n);
    d.id = r.id;
    d.mandatory = e.kind == RequirementKind::ska;
    d.kind_label = d.mandatory ? "Ska-krav" : "Bör-krav";
    d.weight = e.weight;
    d.text = r.ska_text;
    d.answer = d.mandatory ? "yes_no" : "description";
    d.answer_label = "Ja/Nej";
    d.verification = "beskrivning";
    d.motive = r.motive;
    for (const auto& reason : e.reasons) d.reasons.push_back("Regel " + reason.rule_id);
    area.requirements.push_back(std::move(d));
  }
  return doc;
}
}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
  Catalogue cat = synthetic_catalogue(1000);
  RuleSet rules = synthetic_rules(300, 1000);

  std::vector<ClassifiedAsset> assets;
  for (int i = 0; i < 200; ++i) {
    Classification c;
    c[Aspect::confidentiality] = i % 4;
    c[Aspect::integrity] = (i + 1) % 4;
    c[Aspect::availability] = (i + 2) % 4;
    assets.push_back({"a" + std::to_string(i), "Tillgång " + std::to_string(i), c});
  }

  Evaluation ev;
  double generation = median_ms(reps, [&] {
    CaseFactInput in;
    in.classification = classify_case(assets);
    in.delivery_model = DeliveryModel::cloud_saas;
    ev = evaluate_rules(make_case_facts(in), {&rules}, cat);
  });
  auto doc = document_of(ev, cat);
  std::size_t docx_bytes = 0, xlsx_bytes = 0;
  double docx = median_ms(std::max(3, reps / 3), [&] { docx_bytes = kk::io::write_docx(doc).size(); });
  double xlsx = median_ms(std::max(3, reps / 3), [&] { xlsx_bytes = kk::io::write_answer_matrix_xlsx(doc).size(); });

  std::printf("specification generation (200 assets, 1000 requirements, 300 rules): %.2f ms median, %zu entries, "
              "%zu findings\n",
              generation, ev.entries.size(), ev.findings.size());
  std::printf("DOCX of %zu requirements: %.1f ms median, %zu bytes\n", doc.all().size(), docx, docx_bytes);
  std::printf("XLSX answer matrix of %zu requirements: %.1f ms median, %zu bytes\n", doc.all().size(), xlsx, xlsx_bytes);
  return 0;
}
