// fuzz-api's case files: one case per request the case format can hold,
// expecting the contract ("expect": {"contract": true}). As reproducers they
// fail while the server misbehaves and pass once it is fixed; as a saved
// corpus (--corpus) they are the next run's inputs.
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <array>
#include <set>

#include "errcontract/api_fuzzer.h"
#include "errcontract/utf8.h"

namespace errcontract {
namespace {

constexpr std::array<std::string_view, 4> kCaseMethods = {"GET", "PUT", "POST", "DELETE"};

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

bool has_duplicate_names(const KeyValues& pairs) {
  std::set<std::string> names;
  for (const auto& [name, value] : pairs) {
    if (!names.insert(name).second) return true;
  }
  return false;
}

// A JSON body whose top-level object repeats a name (the case loader
// rejects duplicate keys anywhere in a case file).
bool json_has_duplicate_names(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  std::set<std::string> names;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    if (!names.insert(std::string(it->name.GetString(), it->name.GetStringLength())).second) {
      return true;
    }
  }
  return false;
}

void write_pairs(Writer& w, const char* member, const KeyValues& pairs) {
  if (pairs.empty()) return;
  w.Key(member);
  w.StartObject();
  for (const auto& [name, value] : pairs) {
    write_string(w, name);
    write_string(w, value);
  }
  w.EndObject();
}

// The case's code: one the catalog lists for the request's endpoint (the
// loader requires a code's trigger to be on one of its endpoints), preferring
// the code the response carried, then the endpoint's "bad parameter" code.
// "" when the catalog lists none: the case then names no code.
std::string case_code(const ContractCase& v, const Catalog& catalog) {
  auto lists_endpoint = [&v](const CodeEntry* entry) {
    return entry != nullptr && entry->find_endpoint(v.request.method, v.request.path) != nullptr;
  };
  for (const std::string& code : {v.code, v.param_error}) {
    if (lists_endpoint(catalog.find(code))) return code;
  }
  for (const CodeEntry& entry : catalog.entries()) {
    if (lists_endpoint(&entry)) return entry.code;
  }
  return {};
}

// Whether every string of the request is valid UTF-8: a JSON file cannot hold
// other bytes (the fuzzer's raw bodies and values may have them).
bool all_utf8(const RequestSpec& r) {
  auto ok = [](std::string_view text) { return find_invalid_utf8(text) == std::string_view::npos; };
  for (const KeyValues* pairs : {&r.query, &r.headers, &r.form}) {
    for (const auto& [name, value] : *pairs) {
      if (!ok(name) || !ok(value)) return false;
    }
  }
  return ok(r.method) && ok(r.path) && ok(r.auth) && ok(r.json) && ok(r.raw) && ok(r.content_type);
}

bool writable(const RequestSpec& r) {
  if (!all_utf8(r)) return false;
  return std::find(kCaseMethods.begin(), kCaseMethods.end(), r.method) != kCaseMethods.end() &&
         !has_duplicate_names(r.query) && !has_duplicate_names(r.form) &&
         !has_duplicate_names(r.headers) &&
         !(r.body_kind == BodyKind::kJson && json_has_duplicate_names(r.json));
}

// The request and its steps: a step made from a request the fuzzer sent (the
// one that made a resource a reproducer acts on) may be one no case holds.
bool writable(const ContractCase& v) {
  auto step_writable = [](const Step& step) { return writable(step.request); };
  return writable(v.request) && std::all_of(v.setup.begin(), v.setup.end(), step_writable) &&
         std::all_of(v.teardown.begin(), v.teardown.end(), step_writable);
}

void write_request(Writer& w, const RequestSpec& r) {
  w.Key("request");
  w.StartObject();
  w.Key("method");
  write_string(w, r.method);
  w.Key("path");
  write_string(w, r.path);
  write_pairs(w, "query", r.query);
  write_pairs(w, "headers", r.headers);
  if (!r.auth.empty()) {
    w.Key("auth");
    write_string(w, r.auth);
  }
  switch (r.body_kind) {
    case BodyKind::kNone:
      break;
    case BodyKind::kForm:
      write_pairs(w, "form", r.form);
      break;
    case BodyKind::kJson:
      w.Key("json");
      w.RawValue(r.json.data(), r.json.size(), rapidjson::kObjectType);
      break;
    case BodyKind::kRaw:
      w.Key("raw");
      write_string(w, r.raw);
      if (!r.content_type.empty()) {
        w.Key("content_type");
        write_string(w, r.content_type);
      }
      break;
  }
  w.EndObject();
}

// Setup or teardown steps as the case format has them.
void write_steps(Writer& w, const char* member, const std::vector<Step>& steps) {
  if (steps.empty()) return;
  w.Key(member);
  w.StartArray();
  for (const Step& step : steps) {
    w.StartObject();
    write_request(w, step.request);
    if (!step.expect.status.empty()) {
      w.Key("expect");
      w.StartObject();
      w.Key("status");
      w.StartArray();
      for (int status : step.expect.status) w.Int(status);
      w.EndArray();
      w.EndObject();
    }
    if (!step.capture.empty()) {
      w.Key("capture");
      w.StartObject();
      for (const auto& [name, pointer] : step.capture) {
        write_string(w, name);
        write_string(w, pointer);
      }
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string violations_case_file(const std::vector<FuzzViolation>& violations,
                                 const Catalog& catalog) {
  std::vector<ContractCase> cases;
  for (const FuzzViolation& v : violations) {
    if (v.finding == kUnaskedResponseFinding) continue;  // one request alone cannot show it
    cases.push_back({v.request, v.code, v.param_error,
                     v.finding + " on " + v.endpoint + (v.code.empty() ? "" : " (" + v.code + ")") +
                         (v.acts_on.empty() ? "" : " acting on what " + v.acts_on + " made") +
                         (v.mutation.empty() ? "" : " after: " + v.mutation),
                     v.setup, v.teardown});
  }
  return contract_case_file(cases, catalog);
}

std::string contract_case_file(const std::vector<ContractCase>& cases, const Catalog& catalog,
                               std::size_t* written) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("$schema");
  w.String("schema/case-file.schema.json");
  w.Key("cases");
  w.StartArray();
  int n = 0;
  for (const ContractCase& v : cases) {
    if (!writable(v)) continue;
    w.StartObject();
    w.Key("id");
    write_string(w, "fuzz-" + std::to_string(++n));
    if (const std::string code = case_code(v, catalog); !code.empty()) {
      w.Key("code");
      write_string(w, code);
    }
    w.Key("summary");
    write_string(w, v.summary);
    w.Key("tags");
    w.StartArray();
    w.String("fuzz-api");
    w.EndArray();
    write_steps(w, "setup", v.setup);
    write_request(w, v.request);
    w.Key("expect");
    w.StartObject();
    w.Key("contract");
    w.Bool(true);
    w.EndObject();
    write_steps(w, "teardown", v.teardown);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  if (written != nullptr) *written = static_cast<std::size_t>(n);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace errcontract
