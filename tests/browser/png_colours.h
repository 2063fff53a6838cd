// Just enough of a PNG decoder to tell a blank screenshot from a page: the
// image's size and how many distinct colours its pixels have.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errcontract::testing {

struct PngSummary {
  std::string error;  // "" when the file decoded
  unsigned width = 0, height = 0;
  // Distinct pixel values (RGB or RGBA), counted up to `max_colours`.
  std::size_t colours = 0;
};

// Decodes a non-interlaced 8-bit greyscale, RGB or RGBA PNG (what Chromium
// writes for --screenshot); anything else is an error naming what it is.
PngSummary summarize_png(std::string_view file, std::size_t max_colours = 4096);

}  // namespace errcontract::testing
