#include "report_json_read.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "base64.h"

namespace errcontract::internal {
namespace {

std::string text(const rapidjson::Value& v) {
  return std::string(v.GetString(), v.GetStringLength());
}

}  // namespace

Result<std::string> read_report_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIoError, path + ": cannot be read");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Status parse_report_document(std::string_view json, std::string_view file,
                             rapidjson::Document& doc) {
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(json.data(),
                                                                                    json.size());
  if (doc.HasParseError()) {
    const std::size_t offset = std::min(doc.GetErrorOffset(), json.size());
    const std::string_view before = json.substr(0, offset);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column =
        offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return Status(StatusCode::kInvalidInput,
                  fmt::format("{}:{}:{} (byte {}): {}", file, line, column, offset,
                              rapidjson::GetParseError_En(doc.GetParseError())));
  }
  ReportFields fields(file);
  if (!doc.IsObject() || fields.string(doc, "", "tool") != "errcontract") {
    fields = ReportFields(file);
    fields.fail("tool", "not \"errcontract\"");
  }
  return fields.status();
}

void ReportFields::fail(const std::string& where, std::string_view what) {
  if (!status_.ok()) return;
  status_ =
      Status(StatusCode::kInvalidInput,
             fmt::format("{}: {}: {} (not a JSON report of errcontract run?)", file_, where, what));
}

std::string ReportFields::path(const std::string& where, std::string_view name) {
  return where.empty() ? std::string(name) : where + "." + std::string(name);
}

const rapidjson::Value* ReportFields::member(const rapidjson::Value& object,
                                             const std::string& where, const char* name,
                                             bool required) {
  if (!ok()) return nullptr;
  if (!object.IsObject()) {
    fail(where, "not an object");
    return nullptr;
  }
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) {
    if (required) fail(path(where, name), "missing");
    return nullptr;
  }
  return &it->value;
}

std::string ReportFields::string(const rapidjson::Value& object, const std::string& where,
                                 const char* name) {
  return typed<std::string>(object, where, name, &rapidjson::Value::IsString, "not a string",
                            [](const rapidjson::Value& v) { return text(v); });
}

std::string ReportFields::optional_string(const rapidjson::Value& object, const std::string& where,
                                          const char* name) {
  return has(object, name) ? string(object, where, name) : std::string();
}

std::int64_t ReportFields::integer(const rapidjson::Value& object, const std::string& where,
                                   const char* name) {
  return typed<std::int64_t>(object, where, name, &rapidjson::Value::IsInt64, "not an integer",
                             [](const rapidjson::Value& v) { return v.GetInt64(); });
}

std::int64_t ReportFields::optional_integer(const rapidjson::Value& object,
                                            const std::string& where, const char* name,
                                            std::int64_t fallback) {
  return has(object, name) ? integer(object, where, name) : fallback;
}

bool ReportFields::has(const rapidjson::Value& object, const char* name) const {
  if (!object.IsObject()) return false;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && !it->value.IsNull();
}

double ReportFields::number(const rapidjson::Value& object, const std::string& where,
                            const char* name) {
  return typed<double>(object, where, name, &rapidjson::Value::IsNumber, "not a number",
                       [](const rapidjson::Value& v) { return v.GetDouble(); });
}

bool ReportFields::boolean(const rapidjson::Value& object, const std::string& where,
                           const char* name) {
  return typed<bool>(object, where, name, &rapidjson::Value::IsBool, "not true or false",
                     [](const rapidjson::Value& v) { return v.GetBool(); });
}

const rapidjson::Value* ReportFields::array(const rapidjson::Value& object,
                                            const std::string& where, const char* name,
                                            bool required) {
  const rapidjson::Value* v = member(object, where, name, required);
  if (v == nullptr) return nullptr;
  if (!v->IsArray()) {
    fail(path(where, name), "not an array");
    return nullptr;
  }
  return v;
}

bool ReportFields::object(const rapidjson::Value& value, const std::string& where) {
  if (!ok()) return false;
  if (!value.IsObject()) fail(where, "not an object");
  return ok();
}

std::vector<std::string> ReportFields::strings(const rapidjson::Value& object,
                                               const std::string& where, const char* name) {
  return typed_list<std::string>(object, where, name, &rapidjson::Value::IsString, "not a string",
                                 [](const rapidjson::Value& v) { return text(v); });
}

std::vector<int> ReportFields::integers(const rapidjson::Value& object, const std::string& where,
                                        const char* name) {
  return typed_list<int>(object, where, name, &rapidjson::Value::IsInt, "not an integer",
                         [](const rapidjson::Value& v) { return v.GetInt(); });
}

Headers ReportFields::headers(const rapidjson::Value& object, const std::string& where) {
  Headers out;
  const rapidjson::Value* list = array(object, where, "headers");
  if (list == nullptr) return out;
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    const std::string at = fmt::format("{}[{}]", path(where, "headers"), i);
    std::string name = string((*list)[i], at, "name");
    std::string value = string((*list)[i], at, "value");
    if (!ok()) return {};
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::string ReportFields::body(const rapidjson::Value& object, const std::string& where) {
  std::string written = string(object, where, "body");
  const std::string exact = optional_string(object, where, "body_base64");
  if (!ok() || exact.empty()) return written;
  std::optional<std::string> bytes = base64_decode(exact);
  if (!bytes) {
    fail(path(where, "body_base64"), "not base64");
    return {};
  }
  return std::move(*bytes);
}

LeakedTeardown ReportFields::teardown(const rapidjson::Value& value, const std::string& where) {
  LeakedTeardown t;
  if (!object(value, where)) return t;
  t.phase = string(value, where, "phase");
  t.leak = string(value, where, "leak");
  t.request.method = string(value, where, "method");
  t.request.target = string(value, where, "target");
  t.request.headers = headers(value, where);
  t.request.body = body(value, where);
  if (member(value, where, "expect_status", false) != nullptr) {
    t.expect_status = integers(value, where, "expect_status");
  }
  return t;
}

}  // namespace errcontract::internal
