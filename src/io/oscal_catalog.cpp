#include "io/oscal_catalog.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "io/slug.hpp"

namespace kk::io {
using nlohmann::json;
using namespace kk::domain;

namespace {

// Parts nest a few levels in SP 800-53 (statement, item, sub-item); far deeper is no catalog.
constexpr int max_part_depth = 12;

struct Refused {
  Error error;
};

[[noreturn]] void missing(const std::string& path) { throw Refused{Error::invalid("error.oscal_missing", path)}; }

std::string at_key(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }

const json& member(const json& object, const char* key, const std::string& path) {
  if (!object.is_object()) missing(path);
  auto it = object.find(key);
  if (it == object.end()) missing(at_key(path, key));
  return *it;
}

std::string text_member(const json& object, const char* key, const std::string& path) {
  const json& v = member(object, key, path);
  if (!v.is_string() || v.get_ref<const std::string&>().empty()) missing(at_key(path, key));
  return v.get<std::string>();
}

std::string optional_text(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& list_member(const json& object, const char* key, const std::string& path) {
  static const json none = json::array();
  auto it = object.find(key);
  if (it == object.end()) return none;
  if (!it->is_array()) missing(at_key(path, key));
  return *it;
}

// A prop's value by name ("label", "status"), or "".
std::string prop(const json& object, const std::string& name) {
  auto it = object.find("props");
  if (it == object.end() || !it->is_array()) return {};
  for (const auto& p : *it)
    if (p.is_object() && optional_text(p, "name") == name) return optional_text(p, "value");
  return {};
}

// How a parameter reads in a text: its label, or the choices of a selection.
std::map<std::string, std::string> parameter_texts(const json& control, const std::string& path) {
  std::map<std::string, std::string> out;
  const json& params = list_member(control, "params", path);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const json& p = params[i];
    std::string at = path + ".params[" + std::to_string(i) + "]";
    std::string id = text_member(p, "id", at);
    std::string label = optional_text(p, "label");
    auto select = p.find("select");
    if (select != p.end() && select->is_object()) {
      std::string choices;
      for (const auto& c : list_member(*select, "choice", at + ".select"))
        if (c.is_string()) choices += (choices.empty() ? "" : "; ") + c.get<std::string>();
      bool many = optional_text(*select, "how-many") == "one-or-more";
      out[id] = std::string("[") + (many ? "one or more of: " : "one of: ") + choices + "]";
    } else {
      out[id] = "[" + (label.empty() ? id : label) + "]";
    }
  }
  return out;
}

// Prose with "{{ insert: param, ID }}" written out; whitespace runs become one space.
std::string written_out(const std::string& prose, const std::map<std::string, std::string>& params) {
  std::string out;
  std::size_t at = 0;
  while (at < prose.size()) {
    std::size_t open = prose.find("{{", at);
    if (open == std::string::npos) {
      out += prose.substr(at);
      break;
    }
    out += prose.substr(at, open - at);
    std::size_t close = prose.find("}}", open);
    if (close == std::string::npos) {
      out += prose.substr(open);
      break;
    }
    std::string inside = prose.substr(open + 2, close - open - 2);
    std::size_t comma = inside.rfind(',');
    std::string id = comma == std::string::npos ? inside : inside.substr(comma + 1);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    auto p = params.find(id);
    out += p != params.end() ? p->second : "[" + id + "]";
    at = close + 2;
  }
  std::string squeezed;
  for (char ch : out) {
    bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (space && (squeezed.empty() || squeezed.back() == ' ')) continue;
    squeezed += space ? ' ' : ch;
  }
  while (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
  return squeezed;
}

// A part and its sub-parts as one text, each item led by its label ("a.", "1.", "(a)").
void flatten(const json& part, const std::map<std::string, std::string>& params, const std::string& path, int depth,
             std::string& out) {
  if (depth > max_part_depth)
    throw Refused{Error::invalid("error.oscal_too_deep", path).with("max", std::to_string(max_part_depth))};
  if (!part.is_object()) missing(path);
  std::string piece = prop(part, "label");
  std::string prose = written_out(optional_text(part, "prose"), params);
  if (!prose.empty()) piece += (piece.empty() ? "" : " ") + prose;
  if (!piece.empty()) out += (out.empty() ? "" : " ") + piece;
  const json& children = list_member(part, "parts", path);
  for (std::size_t i = 0; i < children.size(); ++i)
    flatten(children[i], params, path + ".parts[" + std::to_string(i) + "]", depth + 1, out);
}

// The text of the control's parts with the given name (statement, guidance).
std::string part_text(const json& control, const std::string& name, const std::map<std::string, std::string>& params,
                      const std::string& path) {
  std::string out;
  const json& parts = list_member(control, "parts", path);
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i].is_object() && optional_text(parts[i], "name") == name)
      flatten(parts[i], params, path + ".parts[" + std::to_string(i) + "]", 1, out);
  return out;
}

struct Reader {
  Catalogue& c;
  std::map<std::string, std::string> labels;  // OSCAL id -> label (ac-2.1 -> AC-2(1))

  static std::string label_of(const json& control, const std::string& id) {
    std::string label = prop(control, "label");
    return label.empty() ? upper_ascii(id) : label;
  }

  // What a link points at, as people write it: a control (AC-6) or an item of its statement
  // (ac-2_smt.k: AC-2k).
  std::string label_of_target(const std::string& target) const {
    if (auto l = labels.find(target); l != labels.end()) return l->second;
    std::size_t smt = target.find("_smt.");
    if (smt != std::string::npos)
      if (auto l = labels.find(target.substr(0, smt)); l != labels.end()) return l->second + target.substr(smt + 5);
    return target;
  }

  // First pass: every control's label, so that a withdrawn one can name where it went.
  void collect_labels(const json& controls, const std::string& path) {
    for (std::size_t i = 0; i < controls.size(); ++i) {
      std::string at = path + "[" + std::to_string(i) + "]";
      std::string id = text_member(controls[i], "id", at);
      labels[id] = label_of(controls[i], id);
      collect_labels(list_member(controls[i], "controls", at), at + ".controls");
    }
  }

  void read_controls(const json& controls, const std::string& area, const std::string& parent, const std::string& path) {
    for (std::size_t i = 0; i < controls.size(); ++i) {
      const json& control = controls[i];
      std::string at = path + "[" + std::to_string(i) + "]";
      std::string id = text_member(control, "id", at);
      std::string title = text_member(control, "title", at);
      Requirement r;
      r.id = labels[id];
      r.area = area;
      r.parent = parent;
      r.catalogue = c.id;
      r.kind = RequirementKind::ska;
      r.placement = Placement::object;
      r.answer = AnswerKind::yes_no;
      r.verification = {Verification::dokumentation};
      r.sources = {"oscal:" + id};
      r.withdrawn = prop(control, "status") == "withdrawn";
      auto params = parameter_texts(control, at);
      if (r.withdrawn) {
        std::string where;
        for (const auto& link : list_member(control, "links", at)) {
          std::string rel = optional_text(link, "rel"), href = optional_text(link, "href");
          if ((rel == "incorporated-into" || rel == "moved-to") && href.size() > 1 && href[0] == '#') {
            where += (where.empty() ? "" : ", ") + label_of_target(href.substr(1));
          }
        }
        r.ska_text = title + ": withdrawn" + (where.empty() ? "." : "; see " + where + ".");
        r.motive = r.ska_text;
      } else {
        std::string statement = part_text(control, "statement", params, at);
        r.ska_text = title + (statement.empty() ? "" : ": " + statement);
        r.motive = part_text(control, "guidance", params, at);
        if (r.motive.empty()) r.motive = title + ".";
      }
      c.requirements.push_back(std::move(r));
      read_controls(list_member(control, "controls", at), area, labels[id], at + ".controls");
    }
  }
};

// A syntax error at a byte offset, named by its line and character.
Error syntax_error(const SourceText& source, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < source.text.size(); ++i) {
    if (source.text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(source.text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return Error::invalid("error.oscal_syntax", source.name)
      .with("line", std::to_string(line))
      .with("column", std::to_string(column));
}

}  // namespace

bool looks_like_oscal_catalog(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string_view::npos && text[first] == '{' && text.find("\"catalog\"") != std::string_view::npos;
}

Result<Catalogue> load_oscal_catalog(const SourceText& source) {
  // JSON text never holds a NUL byte, and the parser would take one for the end of the input
  // and ignore whatever follows: refused here, at its place.
  if (std::size_t nul = source.text.find('\0'); nul != std::string::npos) return syntax_error(source, nul);
  json doc;
  try {
    doc = json::parse(source.text);
  } catch (const json::parse_error& e) {
    return syntax_error(source, e.byte == 0 ? 0 : e.byte - 1);
  } catch (const json::exception&) {
    // Valid syntax the parser still cannot hold, such as a number beyond any double (33e333333).
    return Error::invalid("error.oscal_value", source.name);
  }
  Catalogue c;
  try {
    const json& catalog = member(doc, "catalog", "");
    const json& metadata = member(catalog, "metadata", "catalog");
    std::string title = text_member(metadata, "title", "catalog.metadata");
    c.language = "en";
    c.name = Localized{title, title};
    std::string version = optional_text(metadata, "version");
    std::string description = "OSCAL " + optional_text(metadata, "oscal-version") + (version.empty() ? "" : ", version " + version) +
                              ", uuid " + optional_text(catalog, "uuid");
    c.description = Localized{description, description};
    c.id = slug(title.substr(0, title.find(':')));
    if (c.id.empty()) c.id = "oscal";
    c.version = 1;
    if (auto own = doc.find("kravkedja"); own != doc.end() && own->is_object()) {
      c.id = text_member(*own, "id", "kravkedja");
      const json& v = member(*own, "version", "kravkedja");
      if (!v.is_number_integer() || v.get<long long>() < 1) missing("kravkedja.version");
      c.version = static_cast<int>(v.get<long long>());
    }
    Reader reader{c, {}};
    const json& groups = list_member(catalog, "groups", "catalog");
    for (std::size_t g = 0; g < groups.size(); ++g)
      reader.collect_labels(list_member(groups[g], "controls", "catalog.groups[" + std::to_string(g) + "]"),
                            "catalog.groups[" + std::to_string(g) + "].controls");
    reader.collect_labels(list_member(catalog, "controls", "catalog"), "catalog.controls");
    for (std::size_t g = 0; g < groups.size(); ++g) {
      std::string at = "catalog.groups[" + std::to_string(g) + "]";
      std::string key = text_member(groups[g], "id", at);
      std::string name = text_member(groups[g], "title", at);
      c.areas.push_back({key, upper_ascii(key), Localized{name, name}});
      reader.read_controls(list_member(groups[g], "controls", at), key, "", at + ".controls");
    }
    // Controls outside any group belong to an area of their own.
    const json& loose = list_member(catalog, "controls", "catalog");
    if (!loose.empty()) {
      c.areas.push_back({"ungrouped", "", Localized{"Utan grupp", "Ungrouped"}});
      reader.read_controls(loose, "ungrouped", "", "catalog.controls");
    }
    if (c.requirements.empty()) missing("catalog.groups");
  } catch (const Refused& r) {
    Error e = r.error;
    e.field = source.name + ": " + e.field;
    return e;
  }
  c.build_index();
  if (auto valid = c.validate(); !valid) {
    Error e = valid.error();
    e.field = source.name + ": " + e.field;
    return e;
  }
  return c;
}

std::string with_kravkedja_identity(const std::string& text, const std::string& id, int version) {
  // Added as the object's last member: where the document already has one (a stored document
  // imported again), the last of two equal keys is the one read.
  json identity = {{"id", id}, {"version", version}};
  std::size_t close = text.rfind('}');
  return text.substr(0, close) + ",\"kravkedja\":" + identity.dump() + text.substr(close);
}

OscalCounts count_controls(const Catalogue& catalogue) {
  OscalCounts n;
  for (const auto& r : catalogue.requirements) {
    (r.parent.empty() ? n.controls : n.enhancements) += 1;
    n.withdrawn += r.withdrawn ? 1 : 0;
  }
  return n;
}

}  // namespace kk::io
