#include "json/json_location.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace errcontract::internal {

LineColumn line_column(std::string_view text, std::size_t offset) {
  LineColumn lc;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++lc.column;  // a continuation byte does not start a character
    }
  }
  return lc;
}

std::string location(std::string_view source_name, std::string_view text, std::size_t offset) {
  LineColumn lc = line_column(text, offset);
  return std::string(source_name) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

namespace {

template <class Bytes>
Result<Bytes> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kIoError, path + ": cannot open: " + std::strerror(errno));
  }
  // Sized once from the file's length, then read straight into the string: a
  // stringstream copy would touch every byte of a large case library twice more.
  Bytes bytes;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0) in.clear();  // not seekable (a pipe): read it in chunks below
  if (size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    in.read(bytes.data(), size);
    bytes.resize(static_cast<std::size_t>(in.gcount()));
  }
  // Whatever the length said (a file that grows, a pipe), read to the end.
  char chunk[4096];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Status(StatusCode::kIoError, path + ": read failed");
  return bytes;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  return read_whole_file<std::string>(path);
}

Result<HugePageText> read_file_huge_pages(const std::string& path) {
  return read_whole_file<HugePageText>(path);
}

}  // namespace errcontract::internal
