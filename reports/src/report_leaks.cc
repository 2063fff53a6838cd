// The leaked teardowns alone: only what replaying needs is read, so a report
// whose other members a later version changed can still be cleaned up after.
#include "errcontract/report_leaks.h"

#include <fmt/format.h>

#include "report_json_read.h"

namespace errcontract {

Result<std::vector<ReportLeak>> parse_report_leaks(std::string_view json, std::string_view file) {
  rapidjson::Document doc;
  if (Status parsed = internal::parse_report_document(json, file, doc); !parsed.ok()) {
    return parsed;
  }
  internal::ReportFields fields(file);
  const rapidjson::Value* cases = fields.array(doc, "", "cases");
  std::vector<ReportLeak> out;
  for (rapidjson::SizeType i = 0; cases != nullptr && i < cases->Size() && fields.ok(); ++i) {
    const rapidjson::Value& c = (*cases)[i];
    const std::string where = fmt::format("cases[{}]", i);
    if (!fields.object(c, where) || !c.HasMember("leaked_teardowns")) continue;
    const std::string id = fields.string(c, where, "id");
    const rapidjson::Value* kept = fields.array(c, where, "leaked_teardowns");
    for (rapidjson::SizeType j = 0; kept != nullptr && j < kept->Size() && fields.ok(); ++j) {
      LeakedTeardown t =
          fields.teardown((*kept)[j], fmt::format("{}.leaked_teardowns[{}]", where, j));
      if (fields.ok()) out.push_back({id, std::move(t)});
    }
  }
  if (!fields.ok()) return fields.status();
  return out;
}

Result<std::vector<ReportLeak>> load_report_leaks(const std::string& path) {
  Result<std::string> text = internal::read_report_text(path);
  if (!text.ok()) return text.status();
  return parse_report_leaks(*text, path);
}

}  // namespace errcontract
