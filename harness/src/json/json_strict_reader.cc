#include "json/json_strict_reader.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "errcontract/utf8.h"
#include "json/json_syntax_message.h"
#include "result/finding_text.h"

namespace errcontract::internal {
namespace {

// Iterative: no recursion, so a million nested brackets cannot overflow the
// stack. No kParseStopWhenDoneFlag: bytes after the value are an error.
// Numbers as strings: a numeric error_code keeps the digits that were sent.
constexpr unsigned kReadFlags = rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseIterativeFlag |
                                rapidjson::kParseNumbersAsStringsFlag;

constexpr unsigned kAsciiReadFlags = kReadFlags & ~rapidjson::kParseValidateEncodingFlag;

// Objects with more names than this switch from a linear scan to a hash index,
// so a body with 100,000 members is not quadratic.
constexpr std::size_t kLinearKeyLimit = 16;

struct KeyRecord {
  std::string name;
  std::size_t end = 0;  // offset just past the closing quote
};

struct Frame {
  bool is_object = false;
  std::size_t next_index = 0;  // arrays: elements begun so far
  // Objects: every name met, in order, in [0, key_count); the last is the
  // current one. The records beyond stay allocated for the next object.
  std::vector<KeyRecord> keys;
  std::size_t key_count = 0;
  std::unordered_map<std::string, std::size_t> index;  // first occurrences, once there are many

  void reset(bool object) {
    is_object = object;
    next_index = 0;
    key_count = 0;
    if (!index.empty()) index.clear();
  }
  KeyRecord& next_key_slot() {
    if (key_count == keys.size()) keys.emplace_back();
    return keys[key_count];
  }
  const KeyRecord& current_key() const { return keys[key_count - 1]; }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Offset of the opening quote of the string whose closing quote is at `close`.
// Inside a string every '"' follows an odd run of backslashes; the opening
// quote follows none.
std::size_t string_start(std::string_view body, std::size_t close) {
  std::size_t i = close;
  while (i > 0) {
    --i;
    if (body[i] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < i && body[i - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

bool is_ascii(std::string_view text) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::uint64_t seen = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    seen |= word;
  }
  for (; i < text.size(); ++i) seen |= static_cast<unsigned char>(text[i]);
  return (seen & kHighBits) == 0;
}

// Member names are short: an inline loop beats a call to memcmp.
bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

unsigned hex_digit(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

unsigned read_hex4(std::string_view s, std::size_t pos) {
  unsigned v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 4) | hex_digit(s[pos + i]);
  return v;
}

// RapidJSON decodes a lone low surrogate escape (\uDC00..\uDFFF) into the
// three bytes ED B0..BF xx, which are not UTF-8. Raw input cannot produce
// them (the encoding is validated), so their presence means such an escape.
bool has_encoded_surrogate(std::string_view text) {
  // A plain loop: most strings are short, where memchr's call costs more.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xED &&
        static_cast<unsigned char>(text[i + 1]) >= 0xA0) {
      return true;
    }
  }
  return false;
}

// Same length replacement: each encoded surrogate becomes U+FFFD (EF BF BD).
std::string replace_encoded_surrogates(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i + 2 < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xED &&
        static_cast<unsigned char>(out[i + 1]) >= 0xA0) {
      out.replace(i, 3, "\xEF\xBF\xBD");
      i += 2;
    }
  }
  return out;
}

std::string hex_bytes(std::string_view body, std::size_t offset, std::size_t count) {
  std::string out;
  for (std::size_t i = offset; i < body.size() && i < offset + count; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += fmt::format("0x{:02X}", static_cast<unsigned char>(body[i]));
  }
  return out;
}

class StrictHandler {
 public:
  StrictHandler(std::string_view body, const rapidjson::MemoryStream& stream, std::size_t max_depth,
                const std::string_view* wanted, std::size_t wanted_count,
                std::vector<Frame>& frames, StrictRead& out)
      : body_(body),
        stream_(stream),
        frames_(frames),
        max_depth_(max_depth),
        wanted_(wanted),
        wanted_count_(wanted_count),
        out_(out) {}

  bool Null() { return scalar(JsonType::kNull); }
  bool Bool(bool) { return scalar(JsonType::kBoolean); }
  // Only RawNumber is called under kParseNumbersAsStringsFlag; the rest
  // complete RapidJSON's Handler concept.
  bool Int(int) { return scalar(JsonType::kNumber); }
  bool Uint(unsigned) { return scalar(JsonType::kNumber); }
  bool Int64(std::int64_t) { return scalar(JsonType::kNumber); }
  bool Uint64(std::uint64_t) { return scalar(JsonType::kNumber); }
  bool Double(double) { return scalar(JsonType::kNumber); }

  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    begin_value(JsonType::kNumber);
    if (target_ != nullptr) target_->text.assign(str, length);
    return true;
  }

  bool String(const char* str, rapidjson::SizeType length, bool) {
    begin_value(JsonType::kString);
    const std::string_view text(str, length);
    if (has_encoded_surrogate(text)) {
      report_lone_surrogates(stream_.Tell() - 1);
      if (target_ != nullptr) target_->text = replace_encoded_surrogates(text);
    } else if (target_ != nullptr) {
      target_->text.assign(text);
    }
    return true;
  }

  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(const char* str, rapidjson::SizeType length, bool) {
    Frame& top = frames_[depth_ - 1];
    const std::size_t end = stream_.Tell();
    const std::string_view raw_name(str, length);
    const bool bad_surrogate = has_encoded_surrogate(raw_name);
    KeyRecord& slot = top.next_key_slot();
    if (bad_surrogate) {
      slot.name = replace_encoded_surrogates(raw_name);
    } else {
      slot.name.assign(raw_name);  // reuses the slot's buffer
    }
    slot.end = end;

    const std::size_t first = find_key(top, slot.name);
    ++top.key_count;
    index_last_key(top);
    if (bad_surrogate) report_lone_surrogates(end - 1);
    if (first != kNone) report_duplicate(top, first);

    if (depth_ == 1) {
      pending_ = nullptr;
      if (first == kNone) capture_root_key(top.current_key());
    }
    return true;
  }

  // Adds the "and N more" findings for capped ids.
  void finish() {
    if (duplicates_ > kMaxFindingsPerId) {
      add(make_finding(FindingId::kBodyDuplicateKey,
                       fmt::format("{} more duplicate member names not listed",
                                   duplicates_ - kMaxFindingsPerId)));
    }
    if (surrogates_ > kMaxFindingsPerId) {
      add(make_finding(FindingId::kBodyLoneSurrogate,
                       fmt::format("{} more lone surrogate escapes not listed",
                                   surrogates_ - kMaxFindingsPerId)));
    }
  }

  bool aborted() const { return aborted_; }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  void add(Finding finding) { out_.findings.push_back(std::move(finding)); }

  bool scalar(JsonType type) {
    begin_value(type);
    return true;
  }

  // Bookkeeping common to every value: array indexes (for pointers), the root
  // type, and whether this value is a wanted member of the root object.
  void begin_value(JsonType type) {
    target_ = nullptr;
    if (depth_ == 0) {
      out_.root_type = type;
      return;
    }
    Frame& top = frames_[depth_ - 1];
    if (!top.is_object) {
      ++top.next_index;
      return;
    }
    if (depth_ == 1 && pending_ != nullptr) {
      target_ = pending_;
      pending_ = nullptr;
      target_->present = true;
      target_->type = type;
      target_->value_offset = value_start_after(top.current_key().end);
    }
  }

  bool open(bool object) {
    begin_value(object ? JsonType::kObject : JsonType::kArray);
    target_ = nullptr;
    if (depth_ >= max_depth_) {
      // The iterative reader calls StartObject/StartArray before it takes the
      // bracket; be right either way.
      std::size_t at = stream_.Tell();
      if (at > 0 && (at >= body_.size() || (body_[at] != '{' && body_[at] != '['))) --at;
      add(make_finding(FindingId::kBodyTooDeep,
                       fmt::format("nesting deeper than {} levels at byte {} (found '{}')",
                                   max_depth_, at, object ? '{' : '['),
                       at, current_pointer()));
      aborted_ = true;
      return false;  // stops RapidJSON at once: the rest may be a million levels deep
    }
    if (frames_.size() == depth_) frames_.emplace_back();
    frames_[depth_].reset(object);
    ++depth_;
    return true;
  }

  bool close() {
    --depth_;
    return true;
  }

  // First byte of the value after a member name ending at `key_end`.
  std::size_t value_start_after(std::size_t key_end) const {
    std::size_t i = key_end;
    while (i < body_.size() && (is_space(body_[i]) || body_[i] == ':')) ++i;
    return i;
  }

  std::size_t find_key(const Frame& frame, const std::string& name) const {
    if (frame.key_count <= kLinearKeyLimit) {
      for (std::size_t i = 0; i < frame.key_count; ++i) {
        if (same_bytes(frame.keys[i].name, name)) return i;
      }
      return kNone;
    }
    const auto it = frame.index.find(name);
    return it == frame.index.end() ? kNone : it->second;
  }

  static void index_last_key(Frame& frame) {
    const std::size_t count = frame.key_count;
    if (count == kLinearKeyLimit + 1) {
      for (std::size_t i = 0; i < count; ++i) frame.index.emplace(frame.keys[i].name, i);
    } else if (count > kLinearKeyLimit + 1) {
      frame.index.emplace(frame.current_key().name, count - 1);  // keeps an earlier occurrence
    }
  }

  void capture_root_key(const KeyRecord& key) {
    for (std::size_t i = 0; i < wanted_count_; ++i) {
      if (same_bytes(wanted_[i], key.name)) {
        pending_ = &out_.wanted[i];
        pending_->key_offset = string_start(body_, key.end - 1);
        return;
      }
    }
    out_.others.push_back({key.name, string_start(body_, key.end - 1)});
  }

  // The JSON Pointer of the value (or member name) being read.
  std::string current_pointer() const {
    std::string pointer;
    for (std::size_t i = 0; i < depth_; ++i) {
      const Frame& frame = frames_[i];
      if (frame.is_object) {
        if (frame.key_count > 0) append_pointer_token(pointer, frame.current_key().name);
      } else if (frame.next_index > 0) {
        append_pointer_token(pointer, std::to_string(frame.next_index - 1));
      }
    }
    return pointer;
  }

  void report_duplicate(const Frame& frame, std::size_t first) {
    if (++duplicates_ > kMaxFindingsPerId) return;
    const KeyRecord& dup = frame.current_key();
    const std::size_t at = string_start(body_, dup.end - 1);
    const std::size_t first_at = string_start(body_, frame.keys[first].end - 1);
    std::string pointer = current_pointer();
    const std::string_view parent(pointer.data(), pointer.rfind('/'));
    std::string message = fmt::format(
        "duplicate member name {} at byte {} in {} (first at byte {})", quote_snippet(dup.name), at,
        parent.empty() ? std::string("the root object") : fmt::format("the object at {}", parent),
        first_at);
    add(make_finding(FindingId::kBodyDuplicateKey, std::move(message), at, std::move(pointer)));
  }

  // A string (value or name) whose closing quote is at `close` holds at least
  // one lone low surrogate escape: find each one in the raw bytes.
  void report_lone_surrogates(std::size_t close) {
    const std::size_t open = string_start(body_, close);
    const std::string_view raw = body_.substr(open + 1, close - open - 1);
    std::size_t i = 0;
    while (i < raw.size()) {
      if (raw[i] != '\\') {
        ++i;
        continue;
      }
      if (i + 5 < raw.size() && raw[i + 1] == 'u') {
        const unsigned cp = read_hex4(raw, i + 2);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          i += 12;  // a pair: RapidJSON has already checked the low half
          continue;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF && ++surrogates_ <= kMaxFindingsPerId) {
          const std::size_t at = open + 1 + i;
          add(make_finding(
              FindingId::kBodyLoneSurrogate,
              fmt::format("lone UTF-16 surrogate escape {} at byte {}: a low surrogate with no "
                          "high surrogate before it is not a character",
                          raw.substr(i, 6), at),
              at, current_pointer()));
        }
        i += 6;
        continue;
      }
      i += 2;
    }
  }

  std::string_view body_;
  const rapidjson::MemoryStream& stream_;
  std::vector<Frame>& frames_;  // reused across calls; only [0, depth_) is live
  std::size_t max_depth_;
  const std::string_view* wanted_;
  std::size_t wanted_count_;
  StrictRead& out_;

  std::size_t depth_ = 0;
  RootMember* pending_ = nullptr;  // wanted member whose name was just read
  RootMember* target_ = nullptr;   // wanted member whose value is being read
  std::size_t duplicates_ = 0;
  std::size_t surrogates_ = 0;
  bool aborted_ = false;
};

// Bodies up to this size leave their scratch memory for the next call.
constexpr std::size_t kScratchKeepBytes = 64 * 1024;

struct ReaderScratch {
  std::optional<rapidjson::Reader> reader{std::in_place};
  std::vector<Frame> frames;

  void release() {
    reader.emplace();
    frames = {};
  }
};

Finding error_finding(std::string_view body, rapidjson::ParseErrorCode code, std::size_t at) {
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      return make_finding(FindingId::kBodyEmpty, "the body holds only whitespace", at);
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return make_finding(
          FindingId::kBodyTrailingBytes,
          fmt::format("{} {} after the JSON value, from byte {} (found {})", body.size() - at,
                      body.size() - at == 1 ? "byte" : "bytes", at, describe_byte_at(body, at)),
          at);
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return make_finding(
          FindingId::kBodyLoneSurrogate,
          fmt::format("lone UTF-16 surrogate escape {} at byte {}: a high surrogate must be "
                      "followed by a low surrogate escape (\\uDC00-\\uDFFF)",
                      body.substr(at, 6), at),
          at);
    default:
      break;
  }
  // RapidJSON validates the encoding inside strings only; a bad byte elsewhere
  // is an "invalid value" to it, but the real problem is the same.
  const bool bad_encoding = code == rapidjson::kParseErrorStringInvalidEncoding ||
                            (at < body.size() && static_cast<unsigned char>(body[at]) >= 0x80 &&
                             !utf8_step(body, at).valid);
  if (bad_encoding) {
    std::size_t bad = at + find_invalid_utf8(body.substr(at));
    if (bad >= body.size()) bad = at;
    // The ill-formed part, and the byte that cut it short when it began well.
    const auto lead = static_cast<unsigned char>(body[bad]);
    const bool can_lead = lead >= 0xC2 && lead <= 0xF4;
    const std::size_t shown = utf8_step(body, bad).length + (can_lead ? 1 : 0);
    return make_finding(FindingId::kBodyInvalidUtf8,
                        fmt::format("invalid UTF-8 at byte {}: ill-formed sequence {}", bad,
                                    hex_bytes(body, bad, shown)),
                        bad);
  }
  return make_finding(FindingId::kBodyNotJson,
                      describe_syntax_error(body, at, rapidjson::GetParseError_En(code)), at);
}

}  // namespace

const char* describe_json_type(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBoolean:
      return "a boolean";
    case JsonType::kNumber:
      return "a number";
    case JsonType::kString:
      return "a string";
    case JsonType::kObject:
      return "an object";
    case JsonType::kArray:
      return "an array";
  }
  return "a value";
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (const char c : token) {
    if (c == '~') {
      pointer.append("~0");
    } else if (c == '/') {
      pointer.append("~1");
    } else {
      pointer.push_back(c);
    }
  }
}

StrictRead read_json_strict(std::string_view body, std::size_t max_depth,
                            const std::string_view* wanted, std::size_t wanted_count) {
  StrictRead out;
  if (wanted_count > kMaxWantedMembers) wanted_count = kMaxWantedMembers;
  // The reader's string stack and the frames are kept per thread, so a
  // typical body costs no allocation here; after a large body they are let go.
  thread_local ReaderScratch scratch;
  rapidjson::MemoryStream stream(body.data(), body.size());
  StrictHandler handler(body, stream, max_depth, wanted, wanted_count, scratch.frames, out);
  // Validating UTF-8 doubles RapidJSON's time on a typical body; a body that
  // is all ASCII is valid UTF-8 already, so only other bodies pay for it.
  const rapidjson::ParseResult result =
      is_ascii(body) ? scratch.reader->Parse<kAsciiReadFlags>(stream, handler)
                     : scratch.reader->Parse<kReadFlags>(stream, handler);
  if (body.size() > kScratchKeepBytes) scratch.release();
  handler.finish();
  if (result) {
    // RapidJSON's streams end at a NUL byte, so "{...}\0junk" parses: the
    // bytes from the NUL on are trailing bytes all the same.
    const std::size_t end = stream.Tell();
    if (end < body.size()) {
      out.findings.push_back(
          error_finding(body, rapidjson::kParseErrorDocumentRootNotSingular, end));
      return out;
    }
    out.complete = true;
    return out;
  }
  if (handler.aborted()) return out;  // the handler has said why
  out.findings.push_back(error_finding(body, result.Code(), result.Offset()));
  return out;
}

}  // namespace errcontract::internal
