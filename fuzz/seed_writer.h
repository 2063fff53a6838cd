// Output side of errc_make_seeds: writes seed files into
// <corpus>/<target>/seed-<name> (replacing the seed-* files of an earlier run
// and leaving the inputs libFuzzer merged in alone), and libFuzzer
// dictionaries with every value escaped the way libFuzzer reads them.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace errcontract::fuzz {

class SeedWriter {
 public:
  explicit SeedWriter(std::string corpus_dir) : corpus_dir_(std::move(corpus_dir)) {}

  // Writes one seed; the first call for a target removes its old seed-* files.
  // Returns false (after printing why) when the file cannot be written.
  bool write(const std::string& target, std::string_view name, std::string_view bytes);
  std::size_t written() const { return written_; }

 private:
  std::string corpus_dir_;
  std::set<std::string> cleared_;
  std::size_t written_ = 0;
};

// A libFuzzer dictionary: distinct values, each at most 64 bytes (libFuzzer
// ignores longer ones), written as "value" lines with \\, \" and \xNN escapes.
class Dictionary {
 public:
  void add(std::string_view value);
  void add_all(const std::vector<std::string>& values);
  bool write(const std::string& path, std::string_view title) const;
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<std::string> values_;
  std::set<std::string> seen_;
};

// `text` cut to at most `max_bytes` bytes without splitting a UTF-8 character.
std::string cut_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace errcontract::fuzz
