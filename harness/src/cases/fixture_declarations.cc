// fixtures.json: the fixtures a case library declares (docs/writing-cases.md,
// cases/schema/fixtures.schema.json), read member by member so that one load
// reports every problem at its line, as the case loader does.
#include "errcontract/fixture_declarations.h"

#include <rapidjson/document.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "cases/case_json.h"
#include "errcontract/template.h"
#include "json/json_location.h"
#include "json/json_source_map.h"

namespace errcontract {
namespace {

using internal::append_pointer;
using internal::JsonProblem;
using rapidjson::Value;

constexpr std::array<std::string_view, 2> kFileMembers = {"$schema", "fixtures"};
constexpr std::array<std::string_view, 3> kFixtureMembers = {"about", "secret", "obtain"};
constexpr std::array<std::string_view, 2> kObtainMembers = {"request", "capture"};
constexpr std::string_view kFixturePrefix = "fixture:";
constexpr std::string_view kEnvPrefix = "env:";

std::string as_string(const Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

class DeclarationReader {
 public:
  DeclarationReader(const internal::JsonSourceMap& map, std::vector<JsonProblem>* problems)
      : map_(map), problems_(problems) {}

  FixtureDeclarations read(const Value& root) {
    FixtureDeclarations out;
    if (!root.IsObject() || !root.HasMember("fixtures") || !root["fixtures"].IsObject()) {
      at("", "a fixtures declaration file is an object {\"fixtures\": {\"NAME\": {...}}}");
      return out;
    }
    unknown_members(root, "", "fixtures declaration file", kFileMembers);
    for (const auto& member : root["fixtures"].GetObject()) {
      const std::string name = as_string(member.name);
      const std::string pointer = append_pointer("/fixtures", name);
      if (!internal::is_fixture_name(name)) {
        at_key(pointer, fmt::format("fixture name \"{}\" must be lower-case letters, digits or "
                                    "'_', starting with a letter",
                                    name));
        continue;
      }
      if (auto declaration = read_fixture(member.value, pointer, name)) {
        out.list.push_back(std::move(*declaration));
      }
    }
    check_inputs(out);
    return out;
  }

 private:
  void at(const std::string& pointer, std::string message) {
    problems_->push_back({map_.value_offset(pointer), std::move(message)});
  }
  void at_key(const std::string& pointer, std::string message) {
    problems_->push_back({map_.key_offset(pointer), std::move(message)});
  }

  template <std::size_t N>
  void unknown_members(const Value& v, const std::string& pointer, std::string_view what,
                       const std::array<std::string_view, N>& allowed) {
    for (const auto& member : v.GetObject()) {
      const std::string name = as_string(member.name);
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        at_key(append_pointer(pointer, name),
               fmt::format("unknown member \"{}\" in {}{}", name, what,
                           internal::did_you_mean(name, allowed)));
      }
    }
  }

  std::optional<FixtureDeclaration> read_fixture(const Value& v, const std::string& pointer,
                                                 const std::string& name) {
    const std::string what = fmt::format("fixture \"{}\"", name);
    if (!v.IsObject()) {
      at(pointer, fmt::format("{} must be an object {{\"about\": ..., \"secret\": ...}}", what));
      return std::nullopt;
    }
    unknown_members(v, pointer, what, kFixtureMembers);
    FixtureDeclaration d;
    d.name = name;
    d.line = map_.line(map_.key_offset(pointer));
    if (!v.HasMember("about") || !v["about"].IsString() || v["about"].GetStringLength() == 0) {
      at(v.HasMember("about") ? pointer + "/about" : pointer,
         fmt::format("{} needs \"about\": a non-empty string saying what it is", what));
    } else {
      d.about = as_string(v["about"]);
    }
    if (!v.HasMember("secret") || !v["secret"].IsBool()) {
      at(v.HasMember("secret") ? pointer + "/secret" : pointer,
         fmt::format("{} needs \"secret\": true or false", what));
    } else {
      d.secret = v["secret"].GetBool();
    }
    if (v.HasMember("obtain")) {
      d.obtain = read_obtain(v["obtain"], pointer + "/obtain", what);
      if (d.obtain) obtain_pointers_[name] = pointer + "/obtain/request";
    }
    return d;
  }

  std::optional<FixtureObtain> read_obtain(const Value& v, const std::string& pointer,
                                           const std::string& what) {
    if (!v.IsObject()) {
      at(pointer, fmt::format("\"obtain\" of {} must be an object {{\"request\": ..., "
                              "\"capture\": \"/json/pointer\"}}",
                              what));
      return std::nullopt;
    }
    unknown_members(v, pointer, "obtain", kObtainMembers);
    FixtureObtain obtain;
    const std::size_t problems_before = problems_->size();
    internal::StepSource source;
    if (!v.HasMember("request")) {
      at(pointer, fmt::format("\"obtain\" of {} needs a \"request\"", what));
    } else {
      internal::read_request_object(v["request"], pointer + "/request", map_, obtain.request,
                                    source, *problems_);
    }
    if (!v.HasMember("capture") || !v["capture"].IsString() ||
        v["capture"].GetStringLength() == 0 || v["capture"].GetString()[0] != '/') {
      at(v.HasMember("capture") ? pointer + "/capture" : pointer,
         fmt::format("\"obtain\" of {} needs \"capture\": a JSON Pointer (\"/access_token\") "
                     "to the value in the response",
                     what));
    } else {
      obtain.capture = as_string(v["capture"]);
    }
    if (problems_->size() != problems_before) return std::nullopt;
    read_inputs(obtain, source);  // its problems leave the inputs readable
    return obtain;
  }

  // The fixtures an obtain request uses; it runs outside any case, so only
  // ${fixture:X}, ${env:X} and ${run} mean something there.
  void read_inputs(FixtureObtain& obtain, const internal::StepSource& source) {
    auto add = [&obtain](const std::string& name) {
      if (std::find(obtain.inputs.begin(), obtain.inputs.end(), name) == obtain.inputs.end()) {
        obtain.inputs.push_back(name);
      }
    };
    if (!obtain.request.auth.empty()) add(obtain.request.auth);
    for (const internal::TemplateText& text : source.texts) {
      Result<std::vector<std::string>> names = referenced_variables(text.text);
      if (!names.ok()) {
        problems_->push_back({text.offset, names.status().message()});
        continue;
      }
      for (const std::string& name : *names) {
        if (name.compare(0, kFixturePrefix.size(), kFixturePrefix) == 0) {
          add(name.substr(kFixturePrefix.size()));
        } else if (name != "run" && name.compare(0, kEnvPrefix.size(), kEnvPrefix) != 0) {
          problems_->push_back(
              {text.offset, fmt::format("${{{}}}: an obtain request may use only "
                                        "${{fixture:NAME}}, ${{env:NAME}} and ${{run}}",
                                        name)});
        }
      }
    }
  }

  // Every input is itself declared, and no fixture is needed to obtain itself.
  void check_inputs(const FixtureDeclarations& declared) {
    const std::vector<std::string_view> names = declared.names();
    for (const FixtureDeclaration& d : declared.list) {
      if (!d.obtain) continue;
      const std::string& pointer = obtain_pointers_.at(d.name);
      for (const std::string& input : d.obtain->inputs) {
        if (input == d.name) {
          at(pointer, fmt::format("fixture \"{}\" cannot be obtained with itself", d.name));
        } else if (declared.find(input) == nullptr) {
          at(pointer, fmt::format("the obtain request of \"{}\" uses fixture \"{}\", which is "
                                  "not declared{}",
                                  d.name, input, internal::did_you_mean(input, names)));
        }
      }
    }
  }

  const internal::JsonSourceMap& map_;
  std::vector<JsonProblem>* problems_;
  std::map<std::string, std::string> obtain_pointers_;  // fixture -> its obtain request
};

}  // namespace

Result<FixtureDeclarations> FixtureDeclarations::parse(std::string_view json,
                                                       std::string_view source_name) {
  rapidjson::Document dom;
  Result<internal::JsonSourceMap> map = internal::scan_json_source(json, source_name, dom);
  if (!map.ok()) return map.status();
  std::vector<JsonProblem> problems = map->problems;
  DeclarationReader reader(*map, &problems);
  FixtureDeclarations declared = reader.read(dom);
  declared.file = std::string(source_name);
  if (problems.empty()) return declared;
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  std::string message;
  for (const auto& problem : problems) {
    if (!message.empty()) message += '\n';
    message += fmt::format("{}:{}: {}", source_name, map->line(problem.offset), problem.message);
  }
  return Status(StatusCode::kInvalidInput, std::move(message));
}

Result<FixtureDeclarations> FixtureDeclarations::load_file(const std::string& path) {
  Result<std::string> text = internal::read_file(path);
  if (!text.ok()) return text.status();
  return parse(*text, path);
}

const FixtureDeclaration* FixtureDeclarations::find(std::string_view name) const {
  for (const FixtureDeclaration& d : list) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::vector<std::string_view> FixtureDeclarations::names() const {
  std::vector<std::string_view> out;
  out.reserve(list.size());
  for (const FixtureDeclaration& d : list) out.push_back(d.name);
  return out;
}

}  // namespace errcontract
