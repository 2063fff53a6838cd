// JSON -> Case: the shape of a case file (docs/writing-cases.md,
// cases/schema/case-file.schema.json), checked member by member so that one
// load reports every problem, each at the line it is on.
#include "cases/case_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <span>

namespace errcontract::internal {
namespace {

using rapidjson::Value;
using Names = std::span<const std::string_view>;

constexpr std::array<std::string_view, 2> kFileMembers = {"$schema", "cases"};
constexpr std::array<std::string_view, 10> kCaseMembers = {
    "id",    "code",    "summary", "tags",    "fixtures",
    "setup", "request", "expect",  "capture", "teardown"};
constexpr std::array<std::string_view, 3> kStepMembers = {"request", "expect", "capture"};
constexpr std::array<std::string_view, 9> kRequestMembers = {
    "method", "path", "query", "headers", "auth", "form", "json", "raw", "content_type"};
constexpr std::array<std::string_view, 4> kExpectMembers = {"status", "error_code", "message",
                                                            "contract"};
constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};

}  // namespace

namespace {

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Case ids and tags: they share --only/--exclude with codes and module
// numbers, so they start with a letter.
bool is_slug(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_lower_or_digit(c) || c == '-' || c == '_' || c == '.';
  });
}

bool is_five_digits(std::string_view s) {
  return s.size() == 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// RFC 6901, as used by captures: "/a/b~1c", never "" (the whole body) here.
std::string pointer_error(std::string_view pointer) {
  if (pointer.empty() || pointer[0] != '/') {
    return fmt::format("\"{}\" is not a JSON Pointer (it must start with \"/\")", pointer);
  }
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '~' &&
        (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1'))) {
      return fmt::format("\"{}\" is not a JSON Pointer (\"~\" must be followed by 0 or 1)",
                         pointer);
    }
  }
  return {};
}

std::string as_string(const Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

// Could some expansion of the variables of `pattern` give `path`? Each
// ${...} stands for any text, "$$" for a "$"; the rest must be equal.
bool could_expand_to(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.substr(0, 2) == "$$") {
    return !path.empty() && path[0] == '$' && could_expand_to(pattern.substr(2), path.substr(1));
  }
  if (pattern.substr(0, 2) == "${") {
    const std::size_t end = pattern.find('}');
    if (end == std::string_view::npos) return true;  // unterminated: reported on its own
    for (std::size_t n = 0; n <= path.size(); ++n) {
      if (could_expand_to(pattern.substr(end + 1), path.substr(n))) return true;
    }
    return false;
  }
  return !path.empty() && pattern[0] == path[0] &&
         could_expand_to(pattern.substr(1), path.substr(1));
}

// A trigger path (which may hold variables) against a catalogued path, a
// trailing slash aside.
bool path_could_be(std::string_view trigger, std::string_view catalogued) {
  if (catalogued.size() > 1 && catalogued.back() == '/') catalogued.remove_suffix(1);
  return could_expand_to(trigger, catalogued) ||
         could_expand_to(trigger, std::string(catalogued) + "/");
}

class CaseReader {
 public:
  CaseReader(const JsonSourceMap& map, const Catalog& catalog, const CaseSink& sink,
             std::vector<JsonProblem>* problems)
      : map_(map), catalog_(catalog), sink_(sink), problems_(problems) {}

  void read_file(const Value& root) {
    if (!root.IsObject() || !root.HasMember("cases")) {
      at(PointerKey(), "a case file is an object {\"cases\": [ ... ]}");
      return;
    }
    check_object(root, PointerKey(), "case file", kFileMembers);
    if (const Value* schema = find(root, "$schema"); schema != nullptr && !schema->IsString()) {
      at(PointerKey().child("$schema"), "\"$schema\" must be a string");
    }
    const Value& cases = root["cases"];
    if (!cases.IsArray()) {
      at(PointerKey().child("cases"), "\"cases\" must be an array of cases");
      return;
    }
    for (rapidjson::SizeType i = 0; i < cases.Size(); ++i) {
      read_case(cases[i], PointerKey().child("cases").child(i));
    }
  }

  // A request object as a step has it (fixtures.json's "obtain" holds one).
  void read_request(const Value& v, const PointerKey& pointer, RequestSpec& request,
                    StepSource& source) {
    if (!check_object(v, pointer, "request", kRequestMembers)) return;
    read_request_members(v, pointer, request, source);
  }

 private:
  void at(const PointerKey& pointer, std::string message) {
    problems_->push_back({map_.value_offset(pointer), std::move(message)});
  }
  void at_key(const PointerKey& pointer, std::string message) {
    problems_->push_back({map_.key_offset(pointer), std::move(message)});
  }

  // A string the runner expands, kept for the variable checks when it
  // references anything at all: most strings hold no "${", and need neither
  // a copy nor a lookup of where they are. The offset is computed only when
  // it is kept.
  template <typename Offset>
  static void note_text(StepSource& source, const std::string& text, Offset&& offset) {
    if (text.find("${") == std::string::npos) return;
    source.texts.push_back({text, offset()});
  }

  static const Value* find(const Value& object, std::string_view name) {
    auto it = object.FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
    return it == object.MemberEnd() ? nullptr : &it->value;
  }

  // Is `v` an object? Reports it if not, and reports each unknown member.
  bool check_object(const Value& v, const PointerKey& pointer, std::string_view what,
                    Names allowed) {
    if (!v.IsObject()) {
      at(pointer, fmt::format("{} must be an object", what));
      return false;
    }
    for (const auto& member : v.GetObject()) {
      std::string_view name(member.name.GetString(), member.name.GetStringLength());
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        at_key(pointer.child(name), fmt::format("unknown member \"{}\" in {}{}", name, what,
                                                did_you_mean(name, allowed)));
      }
    }
    return true;
  }

  std::optional<std::string> string_member(const Value& object, const PointerKey& pointer,
                                           std::string_view name, std::string_view what,
                                           bool required) {
    const Value* v = find(object, name);
    if (v == nullptr) {
      if (required) at(pointer, fmt::format("missing member \"{}\" in {}", name, what));
      return std::nullopt;
    }
    if (!v->IsString()) {
      at(pointer.child(name), fmt::format("\"{}\" in {} must be a string", name, what));
      return std::nullopt;
    }
    return as_string(*v);
  }

  // "tags" and "fixtures": arrays of names, duplicates dropped.
  std::vector<std::string> name_list(const Value& object, const PointerKey& pointer,
                                     std::string_view name, bool (*valid)(std::string_view),
                                     std::string_view rule) {
    std::vector<std::string> names;
    const Value* v = find(object, name);
    if (v == nullptr) return names;
    const PointerKey list_pointer = pointer.child(name);
    if (!v->IsArray()) {
      at(list_pointer, fmt::format("\"{}\" must be an array of strings", name));
      return names;
    }
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      const Value& item = (*v)[i];
      const PointerKey item_pointer = list_pointer.child(i);
      if (!item.IsString()) {
        at(item_pointer, fmt::format("\"{}\" must be an array of strings", name));
      } else if (!valid(std::string_view(item.GetString(), item.GetStringLength()))) {
        at(item_pointer, fmt::format("\"{}\" in \"{}\" must be {}", as_string(item), name, rule));
      } else if (std::find(names.begin(), names.end(), as_string(item)) == names.end()) {
        names.push_back(as_string(item));
      }
    }
    return names;
  }

  // query, headers, form: string -> string, in file order. Names and values
  // are both templates (the runner expands both).
  KeyValues string_map(const Value& object, const PointerKey& pointer, std::string_view name,
                       StepSource& source) {
    KeyValues out;
    const Value* v = find(object, name);
    if (v == nullptr) return out;
    const PointerKey map_pointer = pointer.child(name);
    if (!v->IsObject()) {
      at(map_pointer, fmt::format("\"{}\" must be an object of strings", name));
      return out;
    }
    for (const auto& member : v->GetObject()) {
      std::string key = as_string(member.name);
      const PointerKey value_pointer = map_pointer.child(key);
      if (!member.value.IsString()) {
        at(value_pointer,
           fmt::format("{} \"{}\" must be a string (quote numbers and booleans)", name, key));
        continue;
      }
      out.emplace_back(key, as_string(member.value));
      note_text(source, key, [&] { return map_.key_offset(value_pointer); });
      note_text(source, out.back().second, [&] { return map_.value_offset(value_pointer); });
    }
    return out;
  }

  void check_code(const std::string& code, const PointerKey& pointer, std::string_view label) {
    if (!is_five_digits(code)) {
      at(pointer, fmt::format("{}\"{}\" is not five digits", label, code));
    } else if (catalog_.find(code) == nullptr) {
      at(pointer, fmt::format("{}unknown code {}", label, code));
    }
  }

  // A case proves its code on one of the code's catalogued endpoints;
  // coverage counts (code, endpoint) pairs, so a trigger elsewhere would
  // verify a pair the catalog does not know.
  void check_trigger_endpoint(Case& c, const PointerKey& request_pointer) {
    const CodeEntry* entry = catalog_.find(c.code);
    const RequestSpec& request = c.trigger.request;
    const bool readable =
        std::find(kMethods.begin(), kMethods.end(), request.method) != kMethods.end() &&
        !request.path.empty() && request.path[0] == '/' &&
        request.path.find('?') == std::string::npos;
    if (entry == nullptr || !readable) return;  // already reported
    for (const auto& endpoint : entry->endpoints) {
      if (endpoint.method == request.method && path_could_be(request.path, endpoint.path)) {
        c.endpoint = endpoint.text();
        return;
      }
    }
    std::string listed;
    for (const auto& endpoint : entry->endpoints) {
      listed += listed.empty() ? endpoint.text() : ", " + endpoint.text();
    }
    if (listed.empty()) listed = "none";
    at(request_pointer,
       fmt::format("the trigger {} {} is not an endpoint of {} (its endpoints: {}); move the case "
                   "or add the endpoint to the catalog with its evidence",
                   request.method, request.path, c.code, listed));
  }

  void read_request_members(const Value& v, const PointerKey& pointer, RequestSpec& request,
                            StepSource& source) {
    if (auto method = string_member(v, pointer, "method", "request", true)) {
      request.method = *method;
      if (std::find(kMethods.begin(), kMethods.end(), request.method) == kMethods.end()) {
        at(pointer.child("method"),
           fmt::format("unknown method \"{}\" (one of GET, HEAD, POST, PUT, "
                       "PATCH, DELETE, OPTIONS)",
                       request.method));
      }
    }
    if (auto path = string_member(v, pointer, "path", "request", true)) {
      request.path = *path;
      if (request.path.empty() || request.path[0] != '/') {
        at(pointer.child("path"), fmt::format("path \"{}\" must start with \"/\"", request.path));
      } else if (request.path.find('?') != std::string::npos) {
        at(pointer.child("path"),
           fmt::format("path \"{}\" holds a query string; put parameters in \"query\"",
                       request.path));
      }
      note_text(source, request.path, [&] { return map_.value_offset(pointer.child("path")); });
    }
    request.query = string_map(v, pointer, "query", source);
    request.headers = string_map(v, pointer, "headers", source);
    if (auto auth = string_member(v, pointer, "auth", "request", false)) {
      request.auth = *auth;
      source.auth_offset = map_.value_offset(pointer.child("auth"));
    }
    read_body(v, pointer, request, source);
  }

  void read_body(const Value& v, const PointerKey& pointer, RequestSpec& request,
                 StepSource& source) {
    int bodies = (v.HasMember("form") ? 1 : 0) + (v.HasMember("json") ? 1 : 0) +
                 (v.HasMember("raw") ? 1 : 0);
    if (bodies > 1) {
      at(pointer, "a request has at most one body: \"form\", \"json\" or \"raw\"");
    }
    if (v.HasMember("form")) {
      request.body_kind = BodyKind::kForm;
      request.form = string_map(v, pointer, "form", source);
    } else if (const Value* json = find(v, "json")) {
      request.body_kind = BodyKind::kJson;
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      // Depth is capped by the source scan. The writer refuses only a number
      // that parsed to infinity (10e308 is valid JSON but overflows a
      // double), and stops there: the text would be cut short.
      if (!json->Accept(writer)) {
        at(pointer.child("json"),
           "the json body holds a number too large for a double; send it in a \"raw\" body");
      }
      request.json.assign(buffer.GetString(), buffer.GetSize());
      note_text(source, request.json, [&] { return map_.value_offset(pointer.child("json")); });
    } else if (auto raw = string_member(v, pointer, "raw", "request", false)) {
      request.body_kind = BodyKind::kRaw;
      request.raw = *raw;
      note_text(source, request.raw, [&] { return map_.value_offset(pointer.child("raw")); });
    }
    if (auto content_type = string_member(v, pointer, "content_type", "request", false)) {
      request.content_type = *content_type;
      if (!v.HasMember("raw")) {
        at(pointer.child("content_type"), "\"content_type\" applies only to a \"raw\" body");
      }
    }
  }

  void read_expect(const Value& v, const PointerKey& pointer, ExpectSpec& expect) {
    if (!check_object(v, pointer, "expect", kExpectMembers)) return;
    if (const Value* status = find(v, "status"))
      read_status(*status, pointer.child("status"), expect);
    if (auto code = string_member(v, pointer, "error_code", "expect", false)) {
      check_code(*code, pointer.child("error_code"), "expect.error_code: ");
      expect.error_code = *code;
    }
    expect.message = string_member(v, pointer, "message", "expect", false);
    if (const Value* contract = find(v, "contract")) {
      if (!contract->IsBool() || !contract->GetBool()) {
        at(pointer.child("contract"), "\"contract\" must be true");
      } else if (expect.error_code || expect.message || !expect.status.empty()) {
        at(pointer.child("contract"),
           "\"contract\": true cannot be combined with error_code, status or message");
      } else {
        expect.contract = true;
      }
    }
  }

  void read_status(const Value& v, const PointerKey& pointer, ExpectSpec& expect) {
    auto add = [&](const Value& item, const PointerKey& item_pointer) {
      if (!item.IsInt()) {
        at(item_pointer, "\"status\" must be an integer or a non-empty array of integers");
      } else if (item.GetInt() < 100 || item.GetInt() > 599) {
        at(item_pointer, fmt::format("status {} is not an HTTP status (100-599)", item.GetInt()));
      } else {
        expect.status.push_back(item.GetInt());
      }
    };
    if (!v.IsArray()) {
      add(v, pointer);
      return;
    }
    if (v.Empty()) at(pointer, "\"status\" must be an integer or a non-empty array of integers");
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) add(v[i], pointer.child(i));
  }

  void read_capture(const Value& v, const PointerKey& pointer, Step& step, StepSource& source) {
    if (!v.IsObject()) {
      at(pointer, "\"capture\" must be an object of name -> JSON Pointer");
      return;
    }
    for (const auto& member : v.GetObject()) {
      std::string name = as_string(member.name);
      const PointerKey member_pointer = pointer.child(name);
      if (!is_capture_name(name)) {
        at_key(member_pointer, fmt::format("capture name \"{}\" must be a letter or _ followed "
                                           "by letters, digits or _",
                                           name));
        continue;
      }
      if (name == "run" || name == "uniq") {
        at_key(member_pointer, fmt::format("capture name \"{}\" is reserved", name));
        continue;
      }
      if (!member.value.IsString()) {
        at(member_pointer, fmt::format("capture \"{}\" must be a JSON Pointer string", name));
        continue;
      }
      std::string target = as_string(member.value);
      if (std::string error = pointer_error(target); !error.empty()) {
        at(member_pointer, fmt::format("capture \"{}\": {}", name, error));
        continue;
      }
      step.capture[name] = target;
      source.capture_offsets[name] = map_.key_offset(member_pointer);
    }
  }

  // The members a setup/teardown step and the case itself share.
  void read_step_parts(const Value& v, const PointerKey& pointer, std::string_view what, Step& step,
                       StepSource& source) {
    if (const Value* request = find(v, "request")) {
      read_request(*request, pointer.child("request"), step.request, source);
      step.line = map_.line(map_.key_offset(pointer.child("request")));
    } else {
      at(pointer, fmt::format("missing member \"request\" in {}", what));
      step.line = map_.line(map_.value_offset(pointer));
    }
    if (const Value* expect = find(v, "expect"))
      read_expect(*expect, pointer.child("expect"), step.expect);
    if (const Value* capture = find(v, "capture")) {
      read_capture(*capture, pointer.child("capture"), step, source);
    }
  }

  void read_steps(const Value& object, const PointerKey& pointer, std::string_view name,
                  std::vector<Step>& steps, std::vector<StepSource>& sources) {
    const Value* v = find(object, name);
    if (v == nullptr) return;
    const PointerKey list_pointer = pointer.child(name);
    if (!v->IsArray()) {
      at(list_pointer, fmt::format("\"{}\" must be an array of steps", name));
      return;
    }
    std::string what = fmt::format("{} step", name);
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      const PointerKey step_pointer = list_pointer.child(i);
      if (!check_object((*v)[i], step_pointer, what, kStepMembers)) continue;
      Step step;
      StepSource source;
      read_step_parts((*v)[i], step_pointer, what, step, source);
      step.line = map_.line(map_.value_offset(step_pointer));
      steps.push_back(std::move(step));
      sources.push_back(std::move(source));
    }
  }

  // Whether the case's trigger says "expect": {"contract": true}; read_expect
  // reports what is wrong with it.
  static bool expects_contract(const Value& c) {
    const Value* expect = find(c, "expect");
    const Value* contract =
        expect != nullptr && expect->IsObject() ? find(*expect, "contract") : nullptr;
    return contract != nullptr && contract->IsBool() && contract->GetBool();
  }

  void read_case(const Value& v, const PointerKey& pointer) {
    if (!check_object(v, pointer, "case", kCaseMembers)) return;
    CaseSource source{sink_.slot(), 0, {}, {}};
    source.offset = map_.value_offset(pointer);
    Case& c = source.value;
    c.line = map_.line(source.offset);
    if (auto id = string_member(v, pointer, "id", "case", true)) {
      c.id = *id;
      if (!is_slug(c.id)) {
        at(pointer.child("id"), fmt::format("case id \"{}\" must be lower-case letters, digits, "
                                            "'-', '_' or '.', starting with a letter",
                                            c.id));
      }
    }
    // A case that expects the contract may name no code: what a fuzzer sent
    // to a path no catalog code lists (it then counts toward no coverage).
    if (auto code = string_member(v, pointer, "code", "case", !expects_contract(v))) {
      c.code = *code;
      check_code(c.code, pointer.child("code"), "");
    }
    c.summary = string_member(v, pointer, "summary", "case", false).value_or("");
    c.tags = name_list(v, pointer, "tags", is_slug,
                       "lower-case letters, digits, '-', '_' or '.', starting with a letter");
    c.fixtures = name_list(v, pointer, "fixtures", is_fixture_name,
                           "lower-case letters, digits or '_', starting with a letter");
    if (const Value* listed = find(v, "fixtures"); listed != nullptr && listed->IsArray()) {
      for (rapidjson::SizeType i = 0; i < listed->Size(); ++i) {
        if (!(*listed)[i].IsString()) continue;
        source.listed_fixtures.push_back(
            {as_string((*listed)[i]), map_.value_offset(pointer.child("fixtures").child(i))});
      }
    }

    read_steps(v, pointer, "setup", c.setup, source.steps);
    StepSource trigger;
    read_step_parts(v, pointer, "case", c.trigger, trigger);
    source.steps.push_back(std::move(trigger));
    check_trigger_endpoint(c, pointer.child("request"));
    std::optional<std::string>& expected = c.trigger.expect.error_code;
    if (!expected) {
      if (!c.code.empty()) expected = c.code;
    } else if (*expected != c.code && is_five_digits(*expected)) {
      at(pointer.child("expect").child("error_code"),
         fmt::format("expect.error_code {} differs from the case's code {}", *expected, c.code));
    }
    read_steps(v, pointer, "teardown", c.teardown, source.steps);
    sink_.on_case(source);
  }

  const JsonSourceMap& map_;
  const Catalog& catalog_;
  const CaseSink& sink_;
  std::vector<JsonProblem>* problems_;
};

}  // namespace

bool is_fixture_name(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_lower_or_digit(c) || c == '_'; });
}

bool is_capture_name(std::string_view name) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

void read_request_object(const rapidjson::Value& v, std::string_view pointer,
                         const JsonSourceMap& map, RequestSpec& request, StepSource& source,
                         std::vector<JsonProblem>& problems) {
  static const Catalog kNoCodes;  // a request alone names no code
  static const CaseSink kNoCases;
  CaseReader reader(map, kNoCodes, kNoCases, &problems);
  reader.read_request(v, PointerKey::parse(pointer), request, source);
}

std::vector<JsonProblem> read_case_file(const rapidjson::Document& doc, const JsonSourceMap& map,
                                        const Catalog& catalog, const CaseSink& sink) {
  std::vector<JsonProblem> problems;
  CaseReader reader(map, catalog, sink, &problems);
  reader.read_file(doc);
  return problems;
}

}  // namespace errcontract::internal
