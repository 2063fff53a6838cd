// Where each value of a JSON document sits in its text. RapidJSON's DOM keeps
// no positions, so an event-based pass over the same bytes records, by JSON
// Pointer, the offset of every value and member key; the same pass rejects
// what the DOM would silently accept (duplicate keys, lone surrogate escapes,
// runaway nesting). Used by loaders that report "file:line: what".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <rapidjson/document.h>

#include "errcontract/result.h"
#include "memory/huge_pages.h"

namespace errcontract::internal {

// One problem found while scanning, at a byte offset of the text.
struct JsonProblem {
  std::size_t offset = 0;
  std::string message;
};

// FNV-1a over the bytes of a JSON Pointer, resumable so that a child's hash
// continues from its parent's.
inline constexpr std::uint64_t kPointerHashSeed = 14695981039346656037ull;
inline constexpr std::uint64_t kPointerHashPrime = 1099511628211ull;
inline std::uint64_t hash_pointer_bytes(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kPointerHashPrime;
  }
  return hash;
}

// The hash of "parent/token" with the token escaped as RFC 6901 says ("~"
// as "~0", "/" as "~1"): a child's pointer hash from its parent's.
std::uint64_t hash_pointer_child(std::uint64_t parent, std::string_view token);

// A JSON Pointer as the source map finds it: the hash of its text and the
// hash of its first two tokens (the chunk it lies in). Built token by token
// without writing the pointer out, so a reader that looks up every value of a
// large file allocates nothing for its pointers.
class PointerKey {
 public:
  PointerKey() = default;  // the root, ""
  // A pointer as text, already escaped: "/cases/0/re~1q".
  static PointerKey parse(std::string_view pointer);
  PointerKey child(std::string_view member) const;  // the member's name, unescaped
  PointerKey child(std::size_t index) const;

 private:
  friend class JsonSourceMap;
  PointerKey with(std::uint64_t hash) const;
  std::uint64_t hash_ = kPointerHashSeed;
  std::uint64_t chunk_ = 0;  // the hash at depth 2, once there
  std::size_t depth_ = 0;    // tokens
};

class JsonSourceMap {
 public:
  // Objects and arrays: the offset of their '{' or '['. Scalars: the offset
  // just past the token, which is on the same line as its start (JSON strings
  // hold no raw newline). Unknown pointers map to 0.
  std::size_t value_offset(std::string_view pointer) const;
  std::size_t value_offset(const PointerKey& pointer) const;
  // The offset just past the member's key ("/cases/0/id" -> after "id").
  // Falls back to value_offset for array elements and the root.
  std::size_t key_offset(std::string_view pointer) const;
  std::size_t key_offset(const PointerKey& pointer) const;
  // The 1-based line of a byte offset of the scanned text.
  std::size_t line(std::size_t offset) const;

  // Duplicate keys and strings whose escapes decode to invalid UTF-8.
  std::vector<JsonProblem> problems;
  std::vector<std::size_t> line_starts;  // offset of the first byte of each line

  // Recording, by the scan, in document order. `depth` is the number of
  // tokens of the pointer; a container at depth 2 ("/cases/17") opens a chunk
  // that holds everything under it.
  enum class Kind : std::uint8_t { kValue, kKey };
  // Room for the entries of a text of `bytes`, reserved before recording so
  // that the entries are never copied while they grow. Generous: the pages
  // of a reservation no entry reaches are never touched.
  void reserve_for(std::size_t bytes);
  void record(Kind kind, std::uint64_t hash, std::size_t offset);
  void open_chunk(std::uint64_t hash);
  void close_chunk();

 private:
  // Entries are keyed by a 64-bit FNV-1a hash of the pointer, not the pointer
  // itself (a map of strings cost ~5 KB and most of the load time per case of
  // a large library; docs/performance.md). They are appended in document
  // order, one chunk per depth-2 container, so recording writes memory in
  // sequence and a lookup searches only its chunk, which the reader is
  // usually still holding in cache. A collision could only misplace the line
  // of an error message.
  struct Entry {
    std::uint64_t hash;
    std::uint32_t offset;  // offsets past 4 GiB saturate: such a file is no case library
    Kind kind;
  };
  struct Chunk {
    std::uint64_t hash = 0;  // of the chunk's pointer
    std::uint32_t begin = 0, end = 0;
    bool sorted = false;  // large chunks are sorted by (kind, hash) for binary search
  };
  const std::uint32_t* find(Kind kind, const PointerKey& pointer) const;
  const Chunk* find_chunk(std::uint64_t hash) const;

  // In huge pages: a large file's entries are megabytes, touched once.
  std::vector<Entry, HugePageAllocator<Entry>> entries_;
  // In document order. A reader asks about one case after another, so a
  // lookup tries the chunk it found last and the one after it first; the
  // index by hash is built only when that misses. A repeated member's
  // value is recorded under no pointer (the scan), so the first occurrence
  // is the one found, as in the DOM.
  std::vector<Chunk, HugePageAllocator<Chunk>> chunks_;
  mutable std::size_t last_chunk_ = 0;
  mutable std::unordered_map<std::uint64_t, std::size_t> chunk_index_;
  std::unordered_map<std::uint64_t, std::uint32_t> top_values_, top_keys_;  // outside chunks
  bool in_chunk_ = false;
};

inline constexpr int kMaxJsonDepth = 64;

// Scans `json` (RFC 8259, UTF-8 validated, no trailing bytes). A syntax error
// fails with "SOURCE:line:col: invalid JSON: reason"; the text is not UTF-8,
// starts with a byte-order mark or nests deeper than kMaxJsonDepth fail the
// same way. Problems that leave the document readable are in `problems`.
Result<JsonSourceMap> scan_json_source(std::string_view json, std::string_view source_name);
// The same scan, also building the document's DOM in the same pass (one
// parse instead of two); `dom` is left unspecified when the scan fails.
Result<JsonSourceMap> scan_json_source(std::string_view json, std::string_view source_name,
                                       rapidjson::Document& dom);

// "/cases/0" + "re/q~" -> "/cases/0/re~1q~0" (RFC 6901 escaping).
std::string append_pointer(const std::string& pointer, std::string_view token);
std::string append_pointer(const std::string& pointer, std::size_t index);

}  // namespace errcontract::internal
