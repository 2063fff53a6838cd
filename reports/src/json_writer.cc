// Indenting a JSON report (json_writer.h).
#include "json_writer.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>

namespace errcontract::internal {

Result<std::string> indent_json(std::string_view compact) {
  rapidjson::StringBuffer pretty;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(pretty);
  writer.SetIndent(' ', 2);
  rapidjson::MemoryStream stream(compact.data(), compact.size());
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;
  const rapidjson::ParseResult parsed = reader.Parse<kFlags>(stream, writer);
  if (!parsed) {
    return Status(StatusCode::kInternal,
                  fmt::format("the JSON report does not parse back (byte {}: {})", parsed.Offset(),
                              rapidjson::GetParseError_En(parsed.Code())));
  }
  return std::string(pretty.GetString(), pretty.GetSize()) + "\n";
}

}  // namespace errcontract::internal
