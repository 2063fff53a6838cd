// A small, bounded multipart/form-data parser (RFC 7578) for the watermark
// upload. It works on a complete body held in memory and never reads past it;
// every limit it enforces is a reason in the returned error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/result.h"

namespace errcontract::internal {

struct MultipartPart {
  std::string name;           // form field name (Content-Disposition name=)
  std::string filename;       // empty for a plain field
  bool has_filename = false;  // filename= was present (even if empty)
  std::string content_type;   // the part's Content-Type, "" if absent
  std::string data;
};

struct MultipartLimits {
  std::size_t max_parts = 64;
  std::size_t max_header_bytes = 8 * 1024;  // per part
};

// The boundary parameter of a multipart/form-data Content-Type, unquoted;
// an error when it is missing, empty, longer than 70 bytes or malformed.
Result<std::string> multipart_boundary(std::string_view content_type);

Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                   const MultipartLimits& limits = {});

}  // namespace errcontract::internal
