// The heavy single operations of the requirement chain, measured with Google Benchmark (Debian's
// libbenchmark-dev): rule evaluation and specification generation, the tender documents of 1,000
// requirements, reading other tools' formats, evaluating tenders and the follow-up calendar. Each
// works on data of the size the largest organisation has (DESIGN.md "Scale on paper"). Prints
// figures; nothing asserts a duration. Run: build-release/micro_bench [--benchmark_format=json]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "../tests/common/shared_data.hpp"
#include "domain/follow_up.hpp"
#include "domain/rule_evaluation.hpp"
#include "domain/tender.hpp"
#include "io/answer_matrix.hpp"
#include "io/catalogue_table.hpp"
#include "io/docx_writer.hpp"
#include "io/oscal_catalog.hpp"
#include "io/spec_document.hpp"
#include "io/table_export.hpp"
#include "io/xlsx_writer.hpp"

using namespace kk::domain;

namespace {

const char* const kAreas[] = {"organisation", "personal", "fysisk_miljo", "behorighet", "loggning", "kryptering",
                              "drift", "kontinuitet", "incident", "leverantorer", "dataskydd", "avtal", "avslut",
                              "utveckling"};

Catalogue synthetic_catalogue(int n) {
  Catalogue c;
  c.id = "bench";
  for (const char* a : kAreas) c.areas.push_back({a, a, {a, a}});
  for (int i = 0; i < n; ++i) {
    Requirement r;
    r.id = "R-" + std::to_string(i);
    r.area = kAreas[i % 14];
    r.kind = i % 7 == 0 ? RequirementKind::bor : RequirementKind::ska;
    r.weight = r.kind == RequirementKind::bor ? 1 + i % 5 : 0;
    r.placement = static_cast<Placement>(i % 3);
    r.ska_text = "Leverantören ska uppfylla krav nummer " + std::to_string(i) +
                 " om informationssäkerhet, med en text av ungefär den längd som katalogens krav har i praktiken.";
    r.motive = "Motiv för krav " + std::to_string(i) + ", skrivet som katalogens motiv brukar vara.";
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

std::vector<ClassifiedAsset> synthetic_assets(int n) {
  std::vector<ClassifiedAsset> assets;
  for (int i = 0; i < n; ++i) {
    Classification c;
    c[Aspect::confidentiality] = i % 4;
    c[Aspect::integrity] = (i + 1) % 4;
    c[Aspect::availability] = (i + 2) % 4;
    assets.push_back({"a" + std::to_string(i), "Tillgång " + std::to_string(i), c});
  }
  return assets;
}

// The tender appendix of every requirement of the catalogue, laid out as the service lays it.
kk::io::SpecDocument document_of(const Catalogue& cat) {
  kk::io::SpecDocument doc;
  doc.title = "Bilaga – Villkor för informationssäkerhet";
  doc.registry_number = "KS 2026/1";
  doc.case_title = "Benchmark";
  for (int p = 0; p < 3; ++p) {
    kk::io::DocSection section{std::to_string(p + 1), "Avsnitt " + std::to_string(p + 1), "", {}};
    for (const char* a : kAreas) section.areas.push_back({a, {}});
    doc.sections.push_back(std::move(section));
  }
  int n = 0;
  for (const auto& r : cat.requirements) {
    auto& area = doc.sections[static_cast<int>(r.placement) % 3].areas[cat.area_index(r.area)];
    kk::io::DocRequirement d;
    d.number = std::to_string(++n);
    d.id = r.id;
    d.mandatory = r.kind == RequirementKind::ska;
    d.kind_label = d.mandatory ? "Ska-krav" : "Bör-krav";
    d.weight = r.weight;
    d.text = r.ska_text;
    d.answer = d.mandatory ? "yes_no" : "description";
    d.answer_label = d.mandatory ? "Ja/Nej" : "Beskrivning";
    d.verification = "beskrivning";
    d.motive = r.motive;
    d.reasons = {"Regel rule-" + std::to_string(n % 300) + ": konfidentialitet 3 eller högre"};
    area.requirements.push_back(std::move(d));
  }
  return doc;
}

const Catalogue& catalogue_1000() {
  static const Catalogue c = synthetic_catalogue(1000);
  return c;
}

const kk::io::SpecDocument& document_1000() {
  static const kk::io::SpecDocument d = document_of(catalogue_1000());
  return d;
}

void rule_evaluation(benchmark::State& state) {
  const Catalogue& cat = catalogue_1000();
  RuleSet rules = synthetic_rules(300, 1000);
  auto assets = synthetic_assets(200);
  std::size_t entries = 0;
  for (auto _ : state) {
    CaseFactInput in;
    in.classification = classify_case(assets);
    in.delivery_model = DeliveryModel::cloud_saas;
    auto ev = evaluate_rules(make_case_facts(in), {&rules}, cat);
    entries = ev.entries.size();
    benchmark::DoNotOptimize(ev);
  }
  state.counters["requirements_selected"] = static_cast<double>(entries);
}
BENCHMARK(rule_evaluation)->Name("rule evaluation + specification (200 assets, 1000 requirements, 300 rules)")
    ->Unit(benchmark::kMillisecond);

void docx_1000(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) bytes = kk::io::write_docx(document_1000()).size();
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(docx_1000)->Name("DOCX tender appendix, 1000 requirements")->Unit(benchmark::kMillisecond);

void xlsx_1000(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) bytes = kk::io::write_answer_matrix_xlsx(document_1000()).size();
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(xlsx_1000)->Name("XLSX answer matrix, 1000 requirements")->Unit(benchmark::kMillisecond);

void answer_matrix_read(benchmark::State& state) {
  std::string xlsx = kk::io::write_answer_matrix_xlsx(document_1000());
  for (auto _ : state) {
    auto r = kk::io::answer_matrix::read_filled(xlsx, document_1000());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(answer_matrix_read)->Name("reading a filled answer matrix, 1000 rows")->Unit(benchmark::kMillisecond);

void oscal_import(benchmark::State& state) {
  std::string text = kkt::read_shared_data("oscal/NIST_SP-800-53_rev5.0.1_catalog.json");
  std::size_t requirements = 0;
  for (auto _ : state) {
    auto c = kk::io::load_oscal_catalog({text, "sp800-53.json"});
    if (!c) {
      state.SkipWithError("the import failed");
      break;
    }
    requirements = c->requirements.size();
  }
  state.counters["requirements"] = static_cast<double>(requirements);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(oscal_import)->Name("OSCAL import, NIST SP 800-53 rev. 5 (1189 controls)")->Unit(benchmark::kMillisecond);

void spreadsheet_catalogue_import(benchmark::State& state) {
  std::string xlsx = kk::io::write_table_xlsx(kk::io::catalogue_table(catalogue_1000()));
  for (auto _ : state) {
    auto c = kk::io::read_catalogue_table(xlsx, "katalog.xlsx");
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(spreadsheet_catalogue_import)->Name("XLSX catalogue import, 1000 requirements")->Unit(benchmark::kMillisecond);

void tender_evaluation(benchmark::State& state) {
  constexpr int kRequirements = 300, kTenders = 20;
  std::vector<AnswerTerms> terms;
  for (int i = 0; i < kRequirements; ++i) {
    AnswerTerms t;
    t.requirement_id = "R-" + std::to_string(i);
    t.mandatory = i % 7 != 0;
    t.weight = t.mandatory ? 0 : 1 + i % 5;
    t.deduction_sek = t.mandatory ? 0 : 1000 * (1 + i % 5);
    terms.push_back(t);
  }
  std::vector<TenderInput> inputs;
  for (int k = 0; k < kTenders; ++k) {
    TenderInput in{"T-" + std::to_string(k), 1000000 + 1000 * k, {}, {}};
    for (const auto& t : terms) {
      TenderAnswer a;
      a.requirement_id = t.requirement_id;
      a.choice = (k + t.weight) % 3 == 0 && !t.mandatory ? AnswerChoice::no : AnswerChoice::yes;
      in.answers.push_back(a);
    }
    inputs.push_back(std::move(in));
  }
  EvaluationModel model;
  if (state.range(0) == 1) {
    model = EvaluationModel{EvaluationMethod::price_deduction, {}};
    for (const auto& t : terms)
      if (!t.mandatory) model.deductions[t.requirement_id] = t.deduction_sek;
  }
  for (auto _ : state) {
    auto r = evaluate_tenders(model, terms, inputs);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(tender_evaluation)->Name("evaluation of 20 tenders x 300 answers (0 points, 1 price deduction)")
    ->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void due_dates(benchmark::State& state) {
  // 50,000 controls: 10,000 contracts of five measures each, at every frequency, over four years.
  const FollowUpFrequency frequencies[] = {FollowUpFrequency::monthly, FollowUpFrequency::quarterly,
                                           FollowUpFrequency::half_yearly, FollowUpFrequency::yearly,
                                           FollowUpFrequency::every_n_months};
  std::vector<std::string> starts;
  for (int i = 0; i < 10000; ++i)
    starts.push_back("202" + std::to_string(4 + i % 3) + "-" + (i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) +
                     "-" + (i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28));
  std::size_t dates = 0;
  for (auto _ : state) {
    dates = 0;
    for (const auto& start : starts)
      for (auto f : frequencies) {
        auto next = next_due(start, "2030-12-31", f, "2026-11-23", 2);
        dates += next.has_value();
      }
    benchmark::DoNotOptimize(dates);
  }
  state.counters["controls"] = 50000;
  state.counters["with_a_next_date"] = static_cast<double>(dates);
}
BENCHMARK(due_dates)->Name("next due date of 50000 controls")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
