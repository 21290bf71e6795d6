#include "io/catalogue_loader.hpp"
#include "io/ciso_assistant.hpp"
#include "io/oscal_catalog.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

#include "domain/rule_evaluation.hpp"
#include "io/yaml_reading.hpp"

namespace kk::io {
using namespace kk::domain;
using namespace kk::io::yaml;

namespace {

Requirement read_requirement(const YAML::Node& n) {
  Requirement r;
  r.id = text(n, "id");
  r.area = text(n, "area");
  r.kind = enum_value<RequirementKind>(n, "kind");
  r.weight = n["weight"] ? n["weight"].as<int>() : 0;
  r.placement = enum_value<Placement>(n, "placement");
  r.answer = enum_value<AnswerKind>(n, "answer");
  r.ska_text = text(n, "ska_text");
  r.ar_text = optional_text(n, "ar_text");
  r.motive = text(n, "motive");
  r.verification = enum_list<Verification>(n, "verification");
  r.checked = enum_list<CheckMoment>(n, "checked");
  if (auto f = n["follow_up"]; f && !f.IsNull())
    r.follow_up = FollowUp{optional_text(f, "method"), enum_value<Frequency>(f, "frequency")};
  if (auto refs = n["references"]; refs && refs.IsMap()) {
    r.iso27001 = text_list(refs, "iso27001");
    r.law = text_list(refs, "law");
    r.sources = text_list(refs, "seed");
  }
  r.standard_named = n["standard_named"] ? n["standard_named"].as<bool>() : false;
  return r;
}

void read_requirements(const YAML::Node& root, Catalogue& c, std::map<std::string, int>& lines) {
  auto list = root["requirements"];
  if (!list) return;
  if (!list.IsSequence()) throw LoadError(list, "'requirements' must be a list");
  for (const auto& n : list) {
    c.requirements.push_back(read_requirement(n));
    lines[c.requirements.back().id] = n.Mark().line + 1;
  }
}

// Numbers for levels, yes/no for flags and derived facts, text for the rest.
FactValue fact_value(const std::string& fact, const YAML::Node& n) {
  if (!n.IsScalar()) throw LoadError(n, "the value for '" + fact + "' must be a single value");
  try {
    if (CaseFacts::kind_of(fact) == FactKind::number) return n.as<long long>();
    if (CaseFacts::kind_of(fact) == FactKind::boolean) return n.as<bool>();
  } catch (const YAML::Exception&) {
    throw LoadError(n, "'" + n.as<std::string>() + "' is not a valid value for '" + fact + "'");
  }
  return n.as<std::string>();
}

// The rule set's settings: `table_level` conditions resolve against them.
struct LevelSettings {
  std::string fact = "max_level";
  bool cumulative = true;
};

Condition read_condition(const YAML::Node& n, const LevelSettings& levels);

std::vector<Condition> read_children(const YAML::Node& n, const LevelSettings& levels) {
  std::vector<Condition> out;
  if (n.IsSequence())
    for (const auto& child : n) out.push_back(read_condition(child, levels));
  else
    out.push_back(read_condition(n, levels));
  return out;
}

Condition read_fact(const std::string& fact, const YAML::Node& value) {
  if (!CaseFacts::known(fact)) throw LoadError(value, "unknown fact '" + fact + "'");
  Condition c;
  c.kind = Condition::Kind::fact;
  c.fact = fact;
  if (!value.IsMap()) {
    c.matcher = {Matcher::Op::eq, {fact_value(fact, value)}};
    return c;
  }
  if (value.size() != 1) throw LoadError(value, "a test on '" + fact + "' has exactly one operator");
  auto op_node = value.begin();
  std::string op = op_node->first.as<std::string>();
  static const std::map<std::string, Matcher::Op> ops = {
      {"eq", Matcher::Op::eq},   {"ne", Matcher::Op::ne}, {"gte", Matcher::Op::gte}, {"gt", Matcher::Op::gt},
      {"lte", Matcher::Op::lte}, {"lt", Matcher::Op::lt}, {"in", Matcher::Op::in},   {"not_in", Matcher::Op::not_in}};
  auto it = ops.find(op);
  if (it == ops.end()) throw LoadError(value, "unknown operator '" + op + "' (eq, ne, gte, gt, lte, lt, in, not_in)");
  c.matcher.op = it->second;
  // A copy: the iterator's pair is a temporary, a reference to its member would dangle.
  YAML::Node operand = op_node->second;
  if (c.matcher.op == Matcher::Op::in || c.matcher.op == Matcher::Op::not_in) {
    if (!operand.IsSequence()) throw LoadError(operand, "'" + op + "' takes a list");
    for (const auto& v : operand) c.matcher.values.push_back(fact_value(fact, v));
  } else {
    c.matcher.values.push_back(fact_value(fact, operand));
  }
  return c;
}

Condition read_condition(const YAML::Node& n, const LevelSettings& levels) {
  if (!n || n.IsNull()) return Condition{};
  if (!n.IsMap()) throw LoadError(n, "a condition is a map such as { max_level: { gte: 2 } }");
  std::vector<Condition> parts;
  for (const auto& item : n) {
    std::string key = item.first.as<std::string>();
    Condition c;
    if (key == "all" || key == "any" || key == "not") {
      c.kind = key == "all" ? Condition::Kind::all : key == "any" ? Condition::Kind::any : Condition::Kind::none_of;
      c.children = read_children(item.second, levels);
    } else if (key == "always") {
      c.kind = Condition::Kind::always;
    } else if (key == "table_level") {
      // A row of the routine's table: its level and above when cumulative, only its own otherwise.
      c.kind = Condition::Kind::fact;
      c.fact = levels.fact;
      long long level = 0;
      try {
        level = item.second.as<long long>();
      } catch (const YAML::Exception&) {
        throw LoadError(item.second, "'table_level' takes a level (a number)");
      }
      c.matcher = {levels.cumulative ? Matcher::Op::gte : Matcher::Op::eq, {FactValue(level)}};
    } else {
      c = read_fact(key, item.second);
    }
    parts.push_back(std::move(c));
  }
  if (parts.size() == 1) return parts[0];
  Condition all;
  all.kind = Condition::Kind::all;
  all.children = std::move(parts);
  return all;
}

Rule read_rule(const YAML::Node& n, const LevelSettings& levels) {
  Rule r;
  r.id = text(n, "id");
  r.when = read_condition(n["when"], levels);
  r.include = text_list(n, "include");
  r.include_areas = text_list(n, "include_areas");
  r.lock = n["lock"] ? n["lock"].as<bool>() : false;
  if (n["as_kind"]) r.as_kind = enum_value<RequirementKind>(n, "as_kind");
  r.suppress_requirements = n["suppress_requirements"] ? n["suppress_requirements"].as<bool>() : false;
  if (auto f = n["finding"]; f && !f.IsNull()) {
    FindingDefinition def;
    def.severity = enum_value<Severity>(f, "severity");
    def.text = localized(f, "text");
    if (f["blocks_gate"]) def.blocks_gate = enum_value<Gate>(f, "blocks_gate");
    r.finding = def;
  }
  auto read_activity = [](const YAML::Node& a) {
    ActivityDefinitionRef def{text(a, "key"), localized(a, "name"), std::nullopt, std::nullopt};
    if (a["blocks_gate"]) def.blocks_gate = enum_value<Gate>(a, "blocks_gate");
    if (a["owner"]) def.owner = enum_value<Role>(a, "owner");
    return def;
  };
  if (auto a = n["activity"]; a && !a.IsNull()) r.activities.push_back(read_activity(a));
  if (auto list = n["activities"]; list && !list.IsNull()) {
    if (!list.IsSequence()) throw LoadError(list, "'activities' is a list");
    for (const auto& a : list) r.activities.push_back(read_activity(a));
  }
  return r;
}

RuleExample read_example(const YAML::Node& n) {
  RuleExample ex;
  ex.name = optional_text(n, "name");
  if (auto facts = n["facts"]; facts && facts.IsMap())
    for (const auto& item : facts) {
      std::string fact = item.first.as<std::string>();
      if (!CaseFacts::known(fact)) throw LoadError(item.second, "unknown fact '" + fact + "'");
      ex.facts[fact] = fact_value(fact, item.second);
    }
  if (auto expect = n["expect"]; expect && expect.IsMap()) {
    ex.includes = text_list(expect, "includes");
    ex.excludes = text_list(expect, "excludes");
    ex.findings = enum_list<Severity>(expect, "findings");
    ex.no_findings = enum_list<Severity>(expect, "no_findings");
    ex.locked = text_list(expect, "locked");
    ex.activities = text_list(expect, "activities");
    ex.no_activities = text_list(expect, "no_activities");
    ex.blocks = enum_list<Gate>(expect, "blocks");
    ex.no_blocks = enum_list<Gate>(expect, "no_blocks");
  }
  return ex;
}

// Attaches "file:line" of the requirement or rule an error names.
Error located(Error e, const std::string& source, const std::map<std::string, int>& lines) {
  std::string key = e.field.substr(0, e.field.find('.'));
  if (key == "rules") {
    auto rest = e.field.substr(6);
    key = rest.substr(0, rest.find('.'));
  }
  auto it = lines.find(key);
  e.field = source + ":" + (it != lines.end() ? std::to_string(it->second) + ": " : " ") + e.field;
  return e;
}

}  // namespace

Result<Catalogue> load_catalogue(const SourceText& header, const std::vector<SourceText>& parts) {
  if (parts.empty() && looks_like_oscal_catalog(header.text)) return load_oscal_catalog(header);
  if (parts.empty() && looks_like_ciso_assistant_library(header.text)) return load_ciso_assistant_library(header);
  Catalogue c;
  std::map<std::string, int> lines;
  std::map<std::string, std::string> files;  // requirement id -> file
  // The readers fill `c` in place; they return only whether they got through.
  auto read = guarded<bool>(header.text, header.name, [&](const YAML::Node& root) {
    c.id = text(root, "id");
    c.version = need(root, "version").as<int>();
    c.language = optional_text(root, "language");
    if (c.language.empty()) c.language = "sv";
    c.name = localized(root, "name");
    c.description = localized(root, "description", false);
    for (const auto& a : need(root, "areas")) c.areas.push_back({text(a, "key"), optional_text(a, "code"), localized(a, "name")});
    read_requirements(root, c, lines);
    for (const auto& r : c.requirements) files[r.id] = header.name;
    return true;
  });
  if (!read) return read.error();
  for (const auto& part : parts) {
    auto more = guarded<bool>(part.text, part.name, [&](const YAML::Node& root) {
      std::size_t before = c.requirements.size();
      read_requirements(root, c, lines);
      for (std::size_t i = before; i < c.requirements.size(); ++i) files[c.requirements[i].id] = part.name;
      return true;
    });
    if (!more) return more.error();
  }
  if (auto valid = c.validate(); !valid) {
    std::string key = valid.error().field.substr(0, valid.error().field.find('.'));
    auto file = files.count(key) ? files[key] : header.name;
    return located(valid.error(), file, lines);
  }
  for (auto& r : c.requirements) r.catalogue = c.id;
  c.parts = {{c.id, c.version}};
  c.build_index();
  return c;
}

Result<RuleSet> load_rule_set(const SourceText& source, const Catalogue& catalogue, bool run_examples) {
  std::map<std::string, int> lines;
  auto read = guarded<RuleSet>(source.text, source.name, [&](const YAML::Node& root) {
    RuleSet s;
    s.id = text(root, "id");
    s.version = need(root, "version").as<int>();
    s.name = localized(root, "name");
    s.description = localized(root, "description", false);
    if (root["owner_role"]) s.owner_role = root["owner_role"].as<std::string>();
    LevelSettings levels;
    if (auto settings = root["settings"]; settings && !settings.IsNull()) {
      if (!settings.IsMap()) throw LoadError(settings, "'settings' is a map: { level: max_level, cumulative: true }");
      if (settings["level"]) levels.fact = settings["level"].as<std::string>();
      if (!CaseFacts::known(levels.fact) || CaseFacts::kind_of(levels.fact) != FactKind::number)
        throw LoadError(settings["level"], "'" + levels.fact + "' is not a level (max_level, confidentiality, integrity, availability, traceability)");
      if (settings["cumulative"]) levels.cumulative = settings["cumulative"].as<bool>();
    }
    s.level_fact = levels.fact;
    s.cumulative = levels.cumulative;
    for (const auto& n : need(root, "rules")) {
      s.rules.push_back(read_rule(n, levels));
      lines[s.rules.back().id] = n.Mark().line + 1;
    }
    if (auto ex = root["examples"]; ex && ex.IsSequence())
      for (const auto& n : ex) s.examples.push_back(read_example(n));
    return s;
  });
  if (!read) return read;
  if (auto valid = read->validate(catalogue); !valid) return located(valid.error(), source.name, lines);
  if (!run_examples) return read;
  if (auto examples = check_examples(*read, catalogue); !examples) return in_file(examples.error(), source.name);
  return read;
}

Result<CaseForm> load_case_form(const SourceText& source) {
  auto read = guarded<CaseForm>(source.text, source.name, [&](const YAML::Node& root) {
    LevelSettings levels;
    CaseForm f;
    f.id = text(root, "id");
    f.version = need(root, "version").as<int>();
    f.name = localized(root, "name");
    f.intro = localized(root, "intro", false);
    f.applies_when = read_condition(root["applies_when"], levels);
    f.count_fact = optional_text(root, "count_fact");
    f.document = root["document"] ? root["document"].as<bool>() : false;
    for (const auto& sn : need(root, "sections")) {
      FormSection s{text(sn, "key"), localized(sn, "title"), localized(sn, "intro", false), {}};
      for (const auto& qn : need(sn, "questions")) {
        FormQuestion q;
        q.key = text(qn, "key");
        q.kind = enum_value<QuestionKind>(qn, "kind");
        q.text = localized(qn, "text");
        q.help = localized(qn, "help", false);
        q.criterion = qn["criterion"] ? qn["criterion"].as<bool>() : false;
        q.fact = optional_text(qn, "fact");
        q.reasoning = qn["reasoning"] ? qn["reasoning"].as<bool>() : false;
        q.required = qn["required"] ? qn["required"].as<bool>() : false;
        q.applies_when = read_condition(qn["applies_when"], levels);
        if (auto opts = qn["options"]; opts && !opts.IsNull())
          for (const auto& o : opts) q.options.push_back({text(o, "key"), localized(o, "text")});
        s.questions.push_back(std::move(q));
      }
      f.sections.push_back(std::move(s));
    }
    return f;
  });
  return validated(std::move(read), source.name);
}

}  // namespace kk::io
