// Loads cases/api.json. One DOM pass for the values, the source map of the
// same scan for the line of every problem, all problems reported at once.
#include "errcontract/api_surface.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <set>

#include "cases/case_json.h"
#include "errcontract/template.h"
#include "json/json_location.h"
#include "json/json_source_map.h"

namespace errcontract {
namespace {

// The variables (not fixtures) an undo request names in its path, query and
// body, in order of first use.
std::vector<std::string> identity_of(const RequestSpec& undo) {
  std::vector<std::string> texts = {undo.path, undo.json, undo.raw};
  for (const KeyValues* pairs : {&undo.query, &undo.form}) {
    for (const auto& [name, value] : *pairs) texts.push_back(value);
  }
  std::vector<std::string> names;
  for (const std::string& text : texts) {
    auto referenced = referenced_variables(text);
    if (!referenced.ok()) continue;  // reported with the undo's other problems
    for (std::string& name : *referenced) {
      if (name.find(':') != std::string::npos || name == "run" || name == "uniq") continue;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

std::string_view without_trailing_slash(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

template <typename Enum, std::size_t N>
bool parse_enum(std::string_view text, const std::pair<std::string_view, Enum> (&names)[N],
                Enum& out) {
  for (const auto& [name, value] : names) {
    if (name == text) {
      out = value;
      return true;
    }
  }
  return false;
}

constexpr std::pair<std::string_view, ParamPlace> kPlaces[] = {
    {"query", ParamPlace::kQuery}, {"form", ParamPlace::kForm}, {"json", ParamPlace::kJson}};
constexpr std::pair<std::string_view, ParamType> kTypes[] = {
    {"string", ParamType::kString}, {"integer", ParamType::kInteger},
    {"number", ParamType::kNumber}, {"boolean", ParamType::kBoolean},
    {"array", ParamType::kArray},   {"object", ParamType::kObject}};

class Loader {
 public:
  Loader(std::string_view source, const internal::JsonSourceMap& map, const Catalog& catalog)
      : source_(source), map_(map), catalog_(catalog) {}

  void problem(const std::string& pointer, const std::string& what) {
    problem_at(map_.value_offset(pointer), what);
  }
  void problem_at(std::size_t offset, const std::string& what) {
    const std::size_t line = map_.line(offset);
    errors_ += fmt::format("{}{}:{}: {}", errors_.empty() ? "" : "\n", source_, line, what);
  }

  std::string string_member(const rapidjson::Value& v, const char* name,
                            const std::string& pointer) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd() || !it->value.IsString()) {
      problem(pointer, fmt::format("\"{}\" must be a string", name));
      return {};
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }

  ApiParameter parameter(const rapidjson::Value& v, const std::string& pointer) {
    ApiParameter p;
    if (!v.IsObject()) {
      problem(pointer, "a parameter must be an object");
      return p;
    }
    p.name = string_member(v, "name", pointer);
    const std::string place = string_member(v, "place", pointer);
    if (!place.empty() && !parse_enum(place, kPlaces, p.place)) {
      problem(pointer, fmt::format("parameter \"{}\": unknown place \"{}\" (query, form or json)",
                                   p.name, place));
    }
    const std::string type = string_member(v, "type", pointer);
    if (!type.empty() && !parse_enum(type, kTypes, p.type)) {
      problem(pointer, fmt::format("parameter \"{}\": unknown type \"{}\"", p.name, type));
    }
    auto required = v.FindMember("required");
    if (required == v.MemberEnd() || !required->value.IsBool()) {
      problem(pointer, fmt::format("parameter \"{}\": \"required\" must be true or false", p.name));
    } else {
      p.required = required->value.GetBool();
    }
    return p;
  }

  ApiEndpoint endpoint(const rapidjson::Value& v, const std::string& pointer) {
    ApiEndpoint e;
    e.line = map_.line(map_.value_offset(pointer));
    if (!v.IsObject()) {
      problem(pointer, "an endpoint must be an object");
      return e;
    }
    e.method = string_member(v, "method", pointer);
    e.path = string_member(v, "path", pointer);
    if (!e.path.empty() && e.path.front() != '/') {
      problem(pointer, fmt::format("path \"{}\" must start with '/'", e.path));
    }
    const std::string auth = string_member(v, "auth", pointer);
    if (auth != "bearer" && auth != "none" && !auth.empty()) {
      problem(pointer, fmt::format("{}: unknown auth \"{}\" (bearer or none)", e.text(), auth));
    }
    e.needs_token = auth != "none";
    e.param_error = string_member(v, "param_error", pointer);
    if (!e.param_error.empty() && catalog_.find(e.param_error) == nullptr) {
      problem(pointer,
              fmt::format("{}: param_error {} is not in the catalog", e.text(), e.param_error));
    }
    auto params = v.FindMember("parameters");
    if (params == v.MemberEnd() || !params->value.IsArray()) {
      problem(pointer, fmt::format("{}: \"parameters\" must be an array", e.text()));
      return e;
    }
    std::set<std::string> names;
    const std::string params_pointer = internal::append_pointer(pointer, "parameters");
    for (rapidjson::SizeType i = 0; i < params->value.Size(); ++i) {
      const std::string p_pointer = internal::append_pointer(params_pointer, i);
      ApiParameter p = parameter(params->value[i], p_pointer);
      if (!names.insert(p.name).second) {
        problem(p_pointer, fmt::format("{}: duplicate parameter \"{}\"", e.text(), p.name));
      }
      e.parameters.push_back(std::move(p));
    }
    if (auto u = v.FindMember("undo"); u != v.MemberEnd()) {
      e.undo = undo(u->value, internal::append_pointer(pointer, "undo"), e);
    }
    return e;
  }

  // "undo": {"request": {...}, "capture": {"NAME": "/pointer"}, "status": [200, 404]}
  std::optional<ApiUndo> undo(const rapidjson::Value& v, const std::string& pointer,
                              const ApiEndpoint& e) {
    if (!v.IsObject() || !v.HasMember("request") || !v.HasMember("status")) {
      problem(pointer, fmt::format("{}: \"undo\" must be an object with \"request\" and "
                                   "\"status\" (and \"capture\" if it needs one)",
                                   e.text()));
      return std::nullopt;
    }
    ApiUndo u;
    std::vector<internal::JsonProblem> problems;
    internal::StepSource source;
    internal::read_request_object(v["request"], pointer + "/request", map_, u.request, source,
                                  problems);
    for (const auto& p : problems) problem_at(p.offset, e.text() + ": undo: " + p.message);
    std::set<std::string> names;
    for (const ApiParameter& p : e.parameters) names.insert(p.name);
    if (auto c = v.FindMember("capture"); c != v.MemberEnd()) {
      const std::string c_pointer = pointer + "/capture";
      if (!c->value.IsObject())
        problem(c_pointer, e.text() + ": undo: \"capture\" must be an object");
      for (auto m = c->value.MemberBegin(); c->value.IsObject() && m != c->value.MemberEnd(); ++m) {
        const std::string name(m->name.GetString(), m->name.GetStringLength());
        const bool pointer_ok = m->value.IsString() &&
                                (m->value.GetStringLength() == 0 || m->value.GetString()[0] == '/');
        if (!internal::is_capture_name(name) || !pointer_ok) {
          problem(internal::append_pointer(c_pointer, name),
                  fmt::format("{}: undo: capture \"{}\" needs a name of letters, digits and '_' "
                              "and a JSON Pointer (\"/order_id\")",
                              e.text(), name));
          continue;
        }
        u.capture.emplace_back(name, m->value.GetString());
        names.insert(name);
      }
    }
    const rapidjson::Value& status = v["status"];
    for (rapidjson::SizeType i = 0; status.IsArray() && i < status.Size(); ++i) {
      if (status[i].IsInt() && status[i].GetInt() >= 100 && status[i].GetInt() <= 599) {
        u.status.push_back(status[i].GetInt());
      }
    }
    if (!status.IsArray() || status.Empty() || u.status.size() != status.Size()) {
      problem(pointer + "/status",
              e.text() + ": undo: \"status\" must be a non-empty list of HTTP statuses");
    }
    u.identity = identity_of(u.request);
    // What it may use: the endpoint's parameters, its captures, fixtures.
    for (const internal::TemplateText& text : source.texts) {
      auto used = referenced_variables(text.text);
      if (!used.ok()) {
        problem_at(text.offset, e.text() + ": undo: " + used.status().message());
        continue;
      }
      for (const std::string& name : *used) {
        if (name.rfind("fixture:", 0) == 0 || names.count(name)) continue;
        problem_at(text.offset,
                   fmt::format("{}: undo: ${{{}}} is neither a parameter of the endpoint nor a "
                               "capture (and ${{fixture:NAME}} is the only other variable here)",
                               e.text(), name));
      }
    }
    return u;
  }

  Result<ApiSurface> load(const rapidjson::Document& dom) {
    ApiSurface surface;
    const rapidjson::Value* list = nullptr;
    if (dom.IsObject()) {
      auto it = dom.FindMember("endpoints");
      if (it != dom.MemberEnd() && it->value.IsArray()) list = &it->value;
    }
    if (list == nullptr) {
      problem("", "the document must be an object with an \"endpoints\" array");
      return Status(StatusCode::kInvalidInput, errors_);
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      const std::string pointer = "/endpoints/" + std::to_string(i);
      ApiEndpoint e = endpoint((*list)[i], pointer);
      if (!seen.emplace(e.method, std::string(without_trailing_slash(e.path))).second) {
        problem(pointer, fmt::format("duplicate endpoint {}", e.text()));
      }
      surface.endpoints.push_back(std::move(e));
    }
    // An undo goes to an endpoint the surface describes.
    for (std::size_t i = 0; i < surface.endpoints.size(); ++i) {
      const ApiEndpoint& e = surface.endpoints[i];
      if (!e.undo) continue;
      const RequestSpec& r = e.undo->request;
      if (surface.find(r.method, r.path) == nullptr) {
        problem("/endpoints/" + std::to_string(i) + "/undo/request",
                fmt::format("{}: undo: {} {} is not an endpoint of this file", e.text(), r.method,
                            r.path));
      }
    }
    if (!errors_.empty()) return Status(StatusCode::kInvalidInput, errors_);
    return surface;
  }

 private:
  std::string_view source_;
  const internal::JsonSourceMap& map_;
  const Catalog& catalog_;
  std::string errors_;
};

}  // namespace

const char* to_string(ParamPlace place) {
  for (const auto& [name, value] : kPlaces) {
    if (value == place) return name.data();
  }
  return "?";
}

const char* to_string(ParamType type) {
  for (const auto& [name, value] : kTypes) {
    if (value == type) return name.data();
  }
  return "?";
}

Result<ApiSurface> ApiSurface::parse(std::string_view json, std::string_view source_name,
                                     const Catalog& catalog) {
  rapidjson::Document dom;
  auto map = internal::scan_json_source(json, source_name, dom);
  if (!map.ok()) return Status(StatusCode::kInvalidInput, map.status().message());
  for (const auto& p : map->problems) {
    return Status(
        StatusCode::kInvalidInput,
        fmt::format("{}: {}", internal::location(source_name, json, p.offset), p.message));
  }
  Loader loader(source_name, *map, catalog);
  return loader.load(dom);
}

Result<ApiSurface> ApiSurface::load_file(const std::string& path, const Catalog& catalog) {
  auto bytes = internal::read_file(path);
  if (!bytes.ok()) return bytes.status();
  return parse(*bytes, path, catalog);
}

const ApiEndpoint* ApiSurface::find(std::string_view method, std::string_view path) const {
  for (const auto& e : endpoints) {
    if (e.method == method && without_trailing_slash(e.path) == without_trailing_slash(path)) {
      return &e;
    }
  }
  return nullptr;
}

std::vector<std::string> undescribed_catalog_endpoints(const ApiSurface& surface,
                                                       const Catalog& catalog) {
  std::set<std::string> missing;
  for (const auto& entry : catalog.entries()) {
    for (const auto& e : entry.endpoints) {
      if (surface.find(e.method, e.path) == nullptr) missing.insert(e.text());
    }
  }
  return {missing.begin(), missing.end()};
}

}  // namespace errcontract
