#include "json_source_map.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "json_location.h"
#include "json_strict_reader.h"
#include "utf8_scan.h"

namespace errcontract::internal {
namespace {

constexpr unsigned kScanFlags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

// Tracks the JSON Pointer of the value being read: one frame per open
// container, holding the keys seen so far (objects) or the next index (arrays).
class SourceMapBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, SourceMapBuilder> {
 public:
  explicit SourceMapBuilder(const rapidjson::MemoryStream* stream, JsonSourceMap* map)
      : stream_(stream), map_(map) {}

  bool too_deep() const { return too_deep_; }

  bool StartObject() { return open(false); }
  bool StartArray() { return open(true); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(const char* str, rapidjson::SizeType length, bool) {
    std::string_view key(str, length);
    Frame& frame = frames_.back();
    frame.key = append_pointer(frame.pointer, key);
    std::size_t at = stream_->Tell();
    check_string(key, at);
    if (!frame.seen.insert(std::string(key)).second) {
      map_->problems.push_back({at, fmt::format("duplicate member \"{}\"", key)});
    } else {
      map_->keys.emplace(frame.key, at);
    }
    return true;
  }

  bool String(const char* str, rapidjson::SizeType length, bool) {
    check_string(std::string_view(str, length), stream_->Tell());
    return scalar();
  }
  // Numbers, booleans and null all arrive here.
  bool Default() { return scalar(); }

 private:
  struct Frame {
    std::string pointer;
    bool is_array = false;
    std::size_t next_index = 0;
    std::string key;  // pointer of the member whose value comes next
    std::set<std::string, std::less<>> seen;
  };

  // The pointer of the value now starting; advances the parent array.
  std::string next_pointer() {
    if (frames_.empty()) return "";
    Frame& parent = frames_.back();
    if (parent.is_array) return append_pointer(parent.pointer, parent.next_index++);
    return parent.key;
  }

  void record(const std::string& pointer, std::size_t offset) {
    // With a duplicate key the first occurrence stays, like the DOM's lookup.
    map_->values.emplace(pointer, offset);
  }

  bool open(bool is_array) {
    if (frames_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      too_deep_ = true;
      return false;
    }
    std::string pointer = next_pointer();
    // The iterative parser calls StartObject/StartArray before it consumes
    // the bracket, so Tell() is the bracket's own offset.
    record(pointer, stream_->Tell());
    Frame frame;
    frame.pointer = std::move(pointer);
    frame.is_array = is_array;
    frames_.push_back(std::move(frame));
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  bool scalar() {
    record(next_pointer(), stream_->Tell());
    return true;
  }

  // The reader validated the raw bytes, so invalid UTF-8 in a decoded string
  // can only come from an escape such as a lone "\uDC00".
  void check_string(std::string_view decoded, std::size_t at) {
    if (find_invalid_utf8(decoded) != std::string_view::npos) {
      map_->problems.push_back(
          {at, "string holds a \\u escape that is not a valid character (lone surrogate)"});
    }
  }

  const rapidjson::MemoryStream* stream_;
  JsonSourceMap* map_;
  std::vector<Frame> frames_;
  bool too_deep_ = false;
};

Status scan_error(std::string_view source_name, std::string_view json, std::size_t offset,
                  std::string_view what) {
  return Status(StatusCode::kInvalidInput,
                fmt::format("{}: {}", location(source_name, json, offset), what));
}

}  // namespace

std::size_t JsonSourceMap::value_offset(const std::string& pointer) const {
  auto it = values.find(pointer);
  return it == values.end() ? 0 : it->second;
}

std::size_t JsonSourceMap::key_offset(const std::string& pointer) const {
  auto it = keys.find(pointer);
  return it == keys.end() ? value_offset(pointer) : it->second;
}

std::size_t JsonSourceMap::line(std::size_t offset) const {
  auto after = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return static_cast<std::size_t>(after - line_starts.begin());
}

std::string append_pointer(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  append_pointer_token(out, token);
  return out;
}

std::string append_pointer(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

Result<JsonSourceMap> scan_json_source(std::string_view json, std::string_view source_name) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") {
    return scan_error(source_name, json, 0, "starts with a UTF-8 byte-order mark; remove it");
  }
  if (std::size_t bad = find_invalid_utf8(json); bad != std::string_view::npos) {
    return scan_error(source_name, json, bad, "not valid UTF-8");
  }
  // RapidJSON's streams read a NUL byte as the end of input, which would
  // accept "{}\0anything"; JSON text never holds a raw NUL.
  if (std::size_t nul = json.find('\0'); nul != std::string_view::npos) {
    return scan_error(source_name, json, nul, "invalid JSON: holds a NUL byte");
  }
  JsonSourceMap map;
  map.line_starts.push_back(0);
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '\n') map.line_starts.push_back(i + 1);
  }
  rapidjson::MemoryStream stream(json.data(), json.size());
  SourceMapBuilder builder(&stream, &map);
  rapidjson::Reader reader;
  rapidjson::ParseResult result = reader.Parse<kScanFlags>(stream, builder);
  if (builder.too_deep()) {
    return scan_error(source_name, json, result.Offset(),
                      fmt::format("invalid JSON: nested deeper than {} levels", kMaxJsonDepth));
  }
  if (result.IsError()) {
    return scan_error(source_name, json, result.Offset(),
                      fmt::format("invalid JSON: {}", rapidjson::GetParseError_En(result.Code())));
  }
  return map;
}

}  // namespace errcontract::internal
