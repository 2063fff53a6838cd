// Reading a JSON report (docs/reports.md) back, shared by its two readers:
// the whole run (errcontract/report_reader.h) and the leaked teardowns alone
// (errcontract/report_leaks.h). A report is ours, so its shape is checked
// and the first problem named by its member path; each reader takes the
// members it needs.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/http.h"
#include "errcontract/result.h"
#include "errcontract/run_result.h"

namespace errcontract::internal {

// Reads the file whole; an error names it.
Result<std::string> read_report_text(const std::string& path);

// Parses `json` into `doc`. Not JSON: "file:line:column (byte N): reason";
// JSON but not an errcontract report: names "tool".
Status parse_report_document(std::string_view json, std::string_view file,
                             rapidjson::Document& doc);

// Typed access to an object's members that keeps the first problem, named
// "file: cases[3].verdict: not a string (not a JSON report of errcontract
// run?)"; after one, every getter returns an empty value.
class ReportFields {
 public:
  explicit ReportFields(std::string_view file) : file_(file) {}

  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }
  void fail(const std::string& where, std::string_view what);

  // "where.name" ("name" at the top).
  static std::string path(const std::string& where, std::string_view name);

  // A member that must be there (absent: a problem), or may be (absent: the fallback).
  std::string string(const rapidjson::Value& object, const std::string& where, const char* name);
  std::string optional_string(const rapidjson::Value& object, const std::string& where,
                              const char* name);
  std::int64_t integer(const rapidjson::Value& object, const std::string& where, const char* name);
  std::int64_t optional_integer(const rapidjson::Value& object, const std::string& where,
                                const char* name, std::int64_t fallback);
  // Whether the member is there and not null.
  bool has(const rapidjson::Value& object, const char* name) const;
  double number(const rapidjson::Value& object, const std::string& where, const char* name);
  bool boolean(const rapidjson::Value& object, const std::string& where, const char* name);
  // The array, or nullptr (a problem when `required`).
  const rapidjson::Value* array(const rapidjson::Value& object, const std::string& where,
                                const char* name, bool required = true);
  // An object; a problem otherwise (returns false).
  bool object(const rapidjson::Value& value, const std::string& where);

  std::vector<std::string> strings(const rapidjson::Value& object, const std::string& where,
                                   const char* name);
  std::vector<int> integers(const rapidjson::Value& object, const std::string& where,
                            const char* name);
  Headers headers(const rapidjson::Value& object, const std::string& where);
  // "body", or the exact bytes of "body_base64" when present.
  std::string body(const rapidjson::Value& object, const std::string& where);
  // A "leaked_teardowns" entry.
  LeakedTeardown teardown(const rapidjson::Value& value, const std::string& where);

 private:
  const rapidjson::Value* member(const rapidjson::Value& object, const std::string& where,
                                 const char* name, bool required);

  // A required member of the type `is` tests, read by `get`.
  template <typename T, typename Get>
  T typed(const rapidjson::Value& object, const std::string& where, const char* name,
          bool (rapidjson::Value::*is)() const, std::string_view what, Get get) {
    const rapidjson::Value* v = member(object, where, name, true);
    if (v == nullptr) return T{};
    if (!(v->*is)()) {
      fail(path(where, name), what);
      return T{};
    }
    return get(*v);
  }

  // A required array whose every item is of the type `is` tests.
  template <typename T, typename Get>
  std::vector<T> typed_list(const rapidjson::Value& object, const std::string& where,
                            const char* name, bool (rapidjson::Value::*is)() const,
                            std::string_view what, Get get) {
    std::vector<T> out;
    const rapidjson::Value* list = array(object, where, name);
    for (rapidjson::SizeType i = 0; list != nullptr && i < list->Size(); ++i) {
      if (!((*list)[i].*is)()) {
        fail(path(where, name) + "[" + std::to_string(i) + "]", what);
        return {};
      }
      out.push_back(get((*list)[i]));
    }
    return out;
  }

  std::string file_;
  Status status_;
};

}  // namespace errcontract::internal
