// The JSON report read with RapidJSON's DOM: reports are written by us, so
// only what replaying needs is checked, each problem named by its member path.
#include "errcontract/report_leaks.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace errcontract {

namespace {

Status bad(std::string_view file, const std::string& where, std::string_view what) {
  return Status(
      StatusCode::kInvalidInput,
      fmt::format("{}: {}: {} (not a JSON report of errcontract run?)", file, where, what));
}

const rapidjson::Value* string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? &it->value : nullptr;
}

std::string text(const rapidjson::Value& v) {
  return std::string(v.GetString(), v.GetStringLength());
}

Result<LeakedTeardown> read_teardown(const rapidjson::Value& v, const std::string& where,
                                     std::string_view file) {
  if (!v.IsObject()) return bad(file, where, "not an object");
  LeakedTeardown t;
  for (const char* name : {"phase", "leak", "method", "target", "body"}) {
    const rapidjson::Value* s = string_member(v, name);
    if (s == nullptr) return bad(file, where + "." + name, "missing or not a string");
    std::string value = text(*s);
    if (std::string_view(name) == "phase") t.phase = value;
    if (std::string_view(name) == "leak") t.leak = value;
    if (std::string_view(name) == "method") t.request.method = value;
    if (std::string_view(name) == "target") t.request.target = value;
    if (std::string_view(name) == "body") t.request.body = value;
  }
  auto headers = v.FindMember("headers");
  if (headers == v.MemberEnd() || !headers->value.IsArray()) {
    return bad(file, where + ".headers", "missing or not an array");
  }
  for (rapidjson::SizeType i = 0; i < headers->value.Size(); ++i) {
    const rapidjson::Value& h = headers->value[i];
    const rapidjson::Value* name = h.IsObject() ? string_member(h, "name") : nullptr;
    const rapidjson::Value* value = h.IsObject() ? string_member(h, "value") : nullptr;
    if (name == nullptr || value == nullptr) {
      return bad(file, fmt::format("{}.headers[{}]", where, i), "needs string name and value");
    }
    t.request.headers.emplace_back(text(*name), text(*value));
  }
  auto expect = v.FindMember("expect_status");
  if (expect != v.MemberEnd()) {
    if (!expect->value.IsArray()) return bad(file, where + ".expect_status", "not an array");
    for (const auto& status : expect->value.GetArray()) {
      if (!status.IsInt()) return bad(file, where + ".expect_status", "not a list of statuses");
      t.expect_status.push_back(status.GetInt());
    }
  }
  return t;
}

}  // namespace

Result<std::vector<ReportLeak>> parse_report_leaks(std::string_view json, std::string_view file) {
  rapidjson::Document doc;
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
  if (!doc.IsObject() || string_member(doc, "tool") == nullptr ||
      text(*string_member(doc, "tool")) != "errcontract") {
    return bad(file, "tool", "not \"errcontract\"");
  }
  auto cases = doc.FindMember("cases");
  if (cases == doc.MemberEnd() || !cases->value.IsArray()) {
    return bad(file, "cases", "missing or not an array");
  }
  std::vector<ReportLeak> out;
  for (rapidjson::SizeType i = 0; i < cases->value.Size(); ++i) {
    const rapidjson::Value& c = cases->value[i];
    const std::string where = fmt::format("cases[{}]", i);
    if (!c.IsObject()) return bad(file, where, "not an object");
    auto kept = c.FindMember("leaked_teardowns");
    if (kept == c.MemberEnd()) continue;
    const rapidjson::Value* id = string_member(c, "id");
    if (id == nullptr) return bad(file, where + ".id", "missing or not a string");
    if (!kept->value.IsArray()) return bad(file, where + ".leaked_teardowns", "not an array");
    for (rapidjson::SizeType j = 0; j < kept->value.Size(); ++j) {
      auto t =
          read_teardown(kept->value[j], fmt::format("{}.leaked_teardowns[{}]", where, j), file);
      if (!t.ok()) return t.status();
      out.push_back({text(*id), std::move(t).value()});
    }
  }
  return out;
}

Result<std::vector<ReportLeak>> load_report_leaks(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIoError, path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_report_leaks(text.str(), path);
}

}  // namespace errcontract
