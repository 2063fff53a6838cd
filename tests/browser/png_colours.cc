// PNG per ISO/IEC 15948: chunks after an 8-byte signature, the IDAT chunks'
// data one zlib stream of filtered scanlines (one filter byte per row).
#include "png_colours.h"

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <vector>

namespace errcontract::testing {
namespace {

std::uint32_t be32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

int paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

}  // namespace

PngSummary summarize_png(std::string_view file, std::size_t max_colours) {
  PngSummary out;
  if (file.size() < 8 || file.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    out.error = "not a PNG (no signature)";
    return out;
  }
  std::string idat;
  int depth = 0, colour_type = -1, interlace = 0;
  for (std::size_t at = 8; at + 12 <= file.size();) {
    const std::uint32_t length = be32(file, at);
    const std::string_view type = file.substr(at + 4, 4);
    if (at + 12 + length > file.size()) {
      out.error = "truncated chunk";
      return out;
    }
    const std::string_view data = file.substr(at + 8, length);
    if (type == "IHDR" && length >= 13) {
      out.width = be32(data, 0);
      out.height = be32(data, 4);
      depth = static_cast<unsigned char>(data[8]);
      colour_type = static_cast<unsigned char>(data[9]);
      interlace = static_cast<unsigned char>(data[12]);
    } else if (type == "IDAT") {
      idat.append(data);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  const std::size_t channels = colour_type == 0   ? 1
                               : colour_type == 2 ? 3
                               : colour_type == 6 ? 4
                                                  : 0;
  if (depth != 8 || channels == 0 || interlace != 0 || out.width == 0 || out.height == 0) {
    out.error = "unsupported PNG: depth " + std::to_string(depth) + ", colour type " +
                std::to_string(colour_type) + ", interlace " + std::to_string(interlace);
    return out;
  }
  const std::size_t stride = out.width * channels;
  std::vector<unsigned char> raw((stride + 1) * out.height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
          Z_OK ||
      raw_size != raw.size()) {
    out.error = "the image data does not inflate to " + std::to_string(raw.size()) + " bytes";
    return out;
  }
  std::vector<unsigned char> previous(stride, 0), row(stride);
  std::set<std::uint32_t> colours;
  for (std::size_t y = 0; y < out.height; ++y) {
    const unsigned char* line = &raw[y * (stride + 1)];
    const int filter = line[0];
    for (std::size_t x = 0; x < stride; ++x) {
      const int a = x >= channels ? row[x - channels] : 0;
      const int b = previous[x];
      const int c = x >= channels ? previous[x - channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 0:
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4:
          predictor = paeth(a, b, c);
          break;
        default:
          out.error = "bad filter type " + std::to_string(filter) + " in row " + std::to_string(y);
          return out;
      }
      row[x] = static_cast<unsigned char>(line[1 + x] + predictor);
    }
    for (std::size_t x = 0; x < stride && colours.size() < max_colours; x += channels) {
      std::uint32_t pixel = 0;
      for (std::size_t k = 0; k < channels; ++k) pixel = pixel << 8 | row[x + k];
      colours.insert(pixel);
    }
    previous.swap(row);
  }
  out.colours = colours.size();
  return out;
}

}  // namespace errcontract::testing
