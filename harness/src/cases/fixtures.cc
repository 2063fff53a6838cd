// Fixtures: named values a target provides (tokens of accounts in given
// states, names of existing resources), read from a JSON file or from
// ERRC_FIXTURE_* environment variables.
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "errcontract/template.h"
#include "json/json_location.h"
#include "json/json_source_map.h"

extern char** environ;  // POSIX; not declared by every libc header

namespace errcontract {
namespace {

constexpr std::string_view kFixtureEnvPrefix = "ERRC_FIXTURE_";

// Reads {"name": "value", ...} in one pass. The source map has already
// rejected malformed JSON and duplicate names; this checks the shape.
class FixtureReader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, FixtureReader> {
 public:
  FixtureReader(const rapidjson::MemoryStream* stream, std::vector<internal::JsonProblem>* problems)
      : stream_(stream), problems_(problems) {}

  Fixtures fixtures;

  // The iterative parser calls StartObject/StartArray before it consumes the
  // bracket, so Tell() is the bracket's offset.
  bool StartObject() {
    if (depth_ == 1) not_a_string(stream_->Tell());
    ++depth_;
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    --depth_;
    return true;
  }
  bool StartArray() {
    if (depth_ <= 1) not_a_string(stream_->Tell());
    ++depth_;
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    return true;
  }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    if (depth_ == 1) key_.assign(str, length);
    return true;
  }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    if (depth_ == 1) {
      fixtures.emplace(key_, std::string(str, length));
    } else if (depth_ == 0) {
      not_a_string(stream_->Tell());
    }
    return true;
  }
  bool Default() {
    if (depth_ <= 1) not_a_string(stream_->Tell());
    return true;
  }

 private:
  void not_a_string(std::size_t offset) {
    if (depth_ == 0) {
      problems_->push_back({offset, "a fixtures file is a JSON object of name -> string value"});
    } else {
      problems_->push_back({offset, fmt::format("fixture \"{}\" must be a string", key_)});
    }
  }

  const rapidjson::MemoryStream* stream_;
  std::vector<internal::JsonProblem>* problems_;
  int depth_ = 0;
  std::string key_;
};

}  // namespace

Result<Fixtures> load_fixtures_file(const std::string& path) {
  Result<std::string> text = internal::read_file(path);
  if (!text.ok()) return text.status();
  Result<internal::JsonSourceMap> map = internal::scan_json_source(*text, path);
  if (!map.ok()) return map.status();

  std::vector<internal::JsonProblem> problems = map->problems;
  rapidjson::MemoryStream stream(text->data(), text->size());
  FixtureReader reader(&stream, &problems);
  rapidjson::Reader parser;
  // Cannot fail: scan_json_source accepted the same bytes with the same flags.
  parser.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(stream,
                                                                                       reader);
  if (problems.empty()) return std::move(reader.fixtures);

  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  std::string message;
  for (const auto& problem : problems) {
    if (!message.empty()) message += '\n';
    internal::LineColumn lc = internal::line_column(*text, problem.offset);
    message += fmt::format("{}:{}: {}", path, lc.line, problem.message);
  }
  return Status(StatusCode::kInvalidInput, message);
}

Fixtures fixtures_from_environment(std::vector<std::string>* empty_names) {
  Fixtures fixtures;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view var(*entry);
    if (var.substr(0, kFixtureEnvPrefix.size()) != kFixtureEnvPrefix) continue;
    std::size_t eq = var.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(var.substr(kFixtureEnvPrefix.size(), eq - kFixtureEnvPrefix.size()));
    if (name.empty()) continue;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value(var.substr(eq + 1));
    if (value.empty()) {
      if (empty_names != nullptr) empty_names->push_back(std::move(name));
      continue;
    }
    fixtures[name] = std::move(value);
  }
  return fixtures;
}

std::string fixture_variable(std::string_view name) {
  std::string var(kFixtureEnvPrefix);
  for (char c : name) var += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return var;
}

}  // namespace errcontract
