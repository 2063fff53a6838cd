#include "json/json_source_map.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_set>

#include "errcontract/utf8.h"
#include "json/json_location.h"
#include "json/json_strict_reader.h"

namespace errcontract::internal {
namespace {

// No kParseValidateEncodingFlag: scan() has checked the whole text is UTF-8
// before the parse, and checking it twice cost a tenth of a case file's load.
constexpr unsigned kScanFlags = rapidjson::kParseIterativeFlag;

// Tracks the hash of the JSON Pointer of the value being read: one frame per
// open container, holding the keys seen so far (objects) or the next index
// (arrays). Frames are reused across containers so a scan allocates only
// while it goes deeper or meets a larger object than before.
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
    Frame& frame = frames_[depth_ - 1];
    frame.key_hash = hash_pointer_child(frame.hash, key);
    std::size_t at = stream_->Tell();
    check_string(key, at);
    if (!frame.first_time(hash_pointer_bytes(kPointerHashSeed, key))) {
      map_->problems.push_back({at, fmt::format("duplicate member \"{}\"", key)});
      // The DOM finds the first member of a name: the second's value and
      // everything under it are recorded where no pointer leads, so that no
      // lookup (in order or not) can land on them.
      frame.key_hash = hash_pointer_bytes(frame.key_hash, kRepeated);
    } else {
      map_->record(JsonSourceMap::Kind::kKey, frame.key_hash, at);
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
    std::uint64_t hash = 0;  // of this container's pointer
    bool is_array = false;
    std::size_t next_index = 0;
    std::uint64_t key_hash = 0;  // pointer hash of the member whose value comes next
    // Hashes of the member names seen so far; a set once an object is large,
    // so that a huge object costs no quadratic scan.
    std::vector<std::uint64_t> seen;
    std::unordered_set<std::uint64_t> seen_set;

    bool first_time(std::uint64_t name) {
      if (seen.size() < kLinearLimit) {
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) return false;
        seen.push_back(name);
        if (seen.size() == kLinearLimit) seen_set.insert(seen.begin(), seen.end());
        return true;
      }
      return seen_set.insert(name).second;
    }
    void reset(std::uint64_t pointer_hash, bool array) {
      hash = pointer_hash;
      is_array = array;
      next_index = 0;
      key_hash = 0;
      seen.clear();
      seen_set.clear();
    }
    static constexpr std::size_t kLinearLimit = 32;
  };

  // The pointer hash of the value now starting; advances the parent array.
  std::uint64_t next_hash() {
    if (depth_ == 0) return kPointerHashSeed;
    Frame& parent = frames_[depth_ - 1];
    if (!parent.is_array) return parent.key_hash;
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, parent.next_index++);
    return hash_pointer_child(parent.hash,
                              std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }

  void record(std::uint64_t hash, std::size_t offset) {
    map_->record(JsonSourceMap::Kind::kValue, hash, offset);
  }

  bool open(bool is_array) {
    if (depth_ >= static_cast<std::size_t>(kMaxJsonDepth)) {
      too_deep_ = true;
      return false;
    }
    const std::uint64_t hash = next_hash();
    if (depth_ == kChunkDepth) map_->open_chunk(hash);
    // The iterative parser calls StartObject/StartArray before it consumes
    // the bracket, so Tell() is the bracket's own offset.
    record(hash, stream_->Tell());
    if (depth_ == frames_.size()) frames_.emplace_back();
    frames_[depth_++].reset(hash, is_array);
    return true;
  }

  bool close() {
    if (--depth_ == kChunkDepth) map_->close_chunk();
    return true;
  }

  bool scalar() {
    record(next_hash(), stream_->Tell());
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

  static constexpr std::size_t kChunkDepth = 2;  // "/cases/17"
  // No pointer's text holds a NUL byte next to this: RFC 6901 tokens come
  // from member names, and a name with "\u0000" would still need the rest.
  static constexpr std::string_view kRepeated{"\0repeated member", 16};

  const rapidjson::MemoryStream* stream_;
  JsonSourceMap* map_;
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
};

// Sends each event to the source map and to a DOM, so one parse does both.
class TeeHandler {
 public:
  TeeHandler(SourceMapBuilder& map, rapidjson::Document& dom) : map_(map), dom_(dom) {}
  bool Null() { return map_.Null() && dom_.Null(); }
  bool Bool(bool b) { return map_.Bool(b) && dom_.Bool(b); }
  bool Int(int i) { return map_.Int(i) && dom_.Int(i); }
  bool Uint(unsigned i) { return map_.Uint(i) && dom_.Uint(i); }
  bool Int64(std::int64_t i) { return map_.Int64(i) && dom_.Int64(i); }
  bool Uint64(std::uint64_t i) { return map_.Uint64(i) && dom_.Uint64(i); }
  bool Double(double d) { return map_.Double(d) && dom_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return map_.RawNumber(s, n, copy) && dom_.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return map_.String(s, n, copy) && dom_.String(s, n, copy);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    return map_.Key(s, n, copy) && dom_.Key(s, n, copy);
  }
  bool StartObject() { return map_.StartObject() && dom_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return map_.EndObject(n) && dom_.EndObject(n); }
  bool StartArray() { return map_.StartArray() && dom_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return map_.EndArray(n) && dom_.EndArray(n); }

 private:
  SourceMapBuilder& map_;
  rapidjson::Document& dom_;
};

Status scan_error(std::string_view source_name, std::string_view json, std::size_t offset,
                  std::string_view what) {
  return Status(StatusCode::kInvalidInput,
                fmt::format("{}: {}", location(source_name, json, offset), what));
}

}  // namespace

void JsonSourceMap::record(Kind kind, std::uint64_t hash, std::size_t offset) {
  const auto at = static_cast<std::uint32_t>(std::min<std::size_t>(offset, UINT32_MAX));
  if (in_chunk_) {
    entries_.push_back({hash, at, kind});
  } else {
    // The first occurrence wins, like the DOM's lookup.
    (kind == Kind::kKey ? top_keys_ : top_values_).emplace(hash, at);
  }
}

void JsonSourceMap::reserve_for(std::size_t bytes) {
  // A value or key takes at least two bytes of text with its separator; a
  // case file has about one entry per 11 bytes, and a case (a chunk) per 280.
  entries_.reserve(bytes / 4);
  chunks_.reserve(bytes / 128);
}

void JsonSourceMap::open_chunk(std::uint64_t hash) {
  in_chunk_ = true;
  chunks_.push_back({hash, static_cast<std::uint32_t>(entries_.size()), 0, false});
}

void JsonSourceMap::close_chunk() {
  in_chunk_ = false;
  Chunk& chunk = chunks_.back();
  chunk.end = static_cast<std::uint32_t>(entries_.size());
  if (chunk.end - chunk.begin > 32) {
    std::stable_sort(entries_.begin() + chunk.begin, entries_.end(),
                     [](const Entry& a, const Entry& b) {
                       return a.kind != b.kind ? a.kind < b.kind : a.hash < b.hash;
                     });
    chunk.sorted = true;
  }
}

const JsonSourceMap::Chunk* JsonSourceMap::find_chunk(std::uint64_t hash) const {
  for (std::size_t i = last_chunk_; i < chunks_.size() && i <= last_chunk_ + 1; ++i) {
    if (chunks_[i].hash == hash) {
      last_chunk_ = i;
      return &chunks_[i];
    }
  }
  if (chunk_index_.empty()) {
    chunk_index_.reserve(chunks_.size());
    for (std::size_t i = 0; i < chunks_.size(); ++i) chunk_index_.emplace(chunks_[i].hash, i);
  }
  auto it = chunk_index_.find(hash);
  if (it == chunk_index_.end()) return nullptr;
  last_chunk_ = it->second;
  return &chunks_[it->second];
}

const std::uint32_t* JsonSourceMap::find(Kind kind, const PointerKey& pointer) const {
  if (pointer.depth_ >= 2) {
    if (const Chunk* chunk = find_chunk(pointer.chunk_)) {
      const auto begin = entries_.begin() + chunk->begin;
      const auto end = entries_.begin() + chunk->end;
      const std::uint64_t hash = pointer.hash_;
      if (chunk->sorted) {
        auto hit =
            std::lower_bound(begin, end, std::pair(kind, hash),
                             [](const Entry& e, const std::pair<Kind, std::uint64_t>& k) {
                               return e.kind != k.first ? e.kind < k.first : e.hash < k.second;
                             });
        if (hit != end && hit->kind == kind && hit->hash == hash) return &hit->offset;
      } else {
        for (auto e = begin; e != end; ++e) {
          if (e->hash == hash && e->kind == kind) return &e->offset;
        }
      }
    }
  }
  // Outside any chunk: the root's members, and keys at depth 2.
  const auto& top = kind == Kind::kKey ? top_keys_ : top_values_;
  auto it = top.find(pointer.hash_);
  return it == top.end() ? nullptr : &it->second;
}

std::size_t JsonSourceMap::value_offset(const PointerKey& pointer) const {
  const std::uint32_t* offset = find(Kind::kValue, pointer);
  return offset == nullptr ? 0 : *offset;
}

std::size_t JsonSourceMap::key_offset(const PointerKey& pointer) const {
  const std::uint32_t* offset = find(Kind::kKey, pointer);
  return offset == nullptr ? value_offset(pointer) : *offset;
}

std::size_t JsonSourceMap::value_offset(std::string_view pointer) const {
  return value_offset(PointerKey::parse(pointer));
}

std::size_t JsonSourceMap::key_offset(std::string_view pointer) const {
  return key_offset(PointerKey::parse(pointer));
}

std::uint64_t hash_pointer_child(std::uint64_t parent, std::string_view token) {
  // One pass: each byte hashed as it is, or as its escape.
  std::uint64_t hash = hash_pointer_bytes(parent, "/");
  for (const char c : token) {
    if (c == '~' || c == '/') {
      hash = hash_pointer_bytes(hash, c == '~' ? "~0" : "~1");
    } else {
      hash = (hash ^ static_cast<unsigned char>(c)) * kPointerHashPrime;
    }
  }
  return hash;
}

PointerKey PointerKey::parse(std::string_view pointer) {
  // The text is escaped already: its bytes hash as they are, token by token.
  PointerKey key;
  std::size_t start = 0;
  while (start < pointer.size()) {
    std::size_t next = pointer.find('/', start + 1);
    if (next == std::string_view::npos) next = pointer.size();
    key = key.with(hash_pointer_bytes(key.hash_, pointer.substr(start, next - start)));
    start = next;
  }
  return key;
}

PointerKey PointerKey::child(std::string_view member) const {
  return with(hash_pointer_child(hash_, member));
}

PointerKey PointerKey::child(std::size_t index) const {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, index);
  return with(
      hash_pointer_child(hash_, std::string_view(digits, static_cast<std::size_t>(end - digits))));
}

PointerKey PointerKey::with(std::uint64_t hash) const {
  PointerKey key;
  key.hash_ = hash;
  key.depth_ = depth_ + 1;
  key.chunk_ = key.depth_ == 2 ? hash : chunk_;
  return key;
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

namespace {

// One parse; `dom` is null or gets the document too.
Result<JsonSourceMap> scan(std::string_view json, std::string_view source_name,
                           rapidjson::Document* dom) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") {
    return scan_error(source_name, json, 0, "starts with a UTF-8 byte-order mark; remove it");
  }
  if (std::size_t bad = find_invalid_utf8(json); bad != std::string_view::npos) {
    return scan_error(source_name, json, bad, "not valid UTF-8");
  }
  // RapidJSON's streams read a NUL byte as the end of input, which would
  // accept "{}\0anything"; JSON text never holds a raw NUL.
  if (json.find('\0') != std::string_view::npos) {
    return scan_error(source_name, json, json.find('\0'), "invalid JSON: holds a NUL byte");
  }
  JsonSourceMap map;
  map.line_starts.push_back(0);
  for (const char *p = json.data(), *end = p + json.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));) {
    ++p;
    map.line_starts.push_back(static_cast<std::size_t>(p - json.data()));
  }
  map.reserve_for(json.size());
  rapidjson::MemoryStream stream(json.data(), json.size());
  SourceMapBuilder builder(&stream, &map);
  rapidjson::Reader reader;
  rapidjson::ParseResult result;
  if (dom == nullptr) {
    result = reader.Parse<kScanFlags>(stream, builder);
  } else {
    auto generate = [&](rapidjson::Document& d) {
      TeeHandler tee(builder, d);
      result = reader.Parse<kScanFlags>(stream, tee);
      return !result.IsError();
    };
    dom->Populate(generate);
  }
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

}  // namespace

Result<JsonSourceMap> scan_json_source(std::string_view json, std::string_view source_name) {
  return scan(json, source_name, nullptr);
}

Result<JsonSourceMap> scan_json_source(std::string_view json, std::string_view source_name,
                                       rapidjson::Document& dom) {
  return scan(json, source_name, &dom);
}

}  // namespace errcontract::internal
