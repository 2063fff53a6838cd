// errcontract checks: the table of finding ids (harness finding_ids.h), one
// id a line with its severity, the check that raises it and its meaning; or
// the same as a JSON array. These are the ids --disable-check takes.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.h"
#include "errcontract/finding_ids.h"

namespace errcontract::cli {
namespace {

void print_text(std::ostream& out) {
  std::size_t id_width = 0, check_width = 0;
  for (const FindingInfo& row : finding_table()) {
    id_width = std::max(id_width, row.name.size());
    check_width = std::max(check_width, row.check.size());
  }
  for (const FindingInfo& row : finding_table()) {
    out << fmt::format(
        "{:<{}}  {:<7}  {:<{}}  {}{}{}\n", row.name, id_width, to_string(row.severity), row.check,
        check_width, row.meaning,
        row.lenient == LenientRule::kLenientWarning ? " (a warning with --lenient)" : "",
        row.disable == DisableRule::kFixed ? " (cannot be disabled)" : "");
  }
}

void print_json(std::ostream& out) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> json(buffer);
  json.SetIndent(' ', 2);
  auto string = [&json](std::string_view text) {
    json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  };
  json.StartArray();
  for (const FindingInfo& row : finding_table()) {
    json.StartObject();
    json.Key("id");
    string(row.name);
    json.Key("check");
    string(row.check);
    json.Key("severity");
    string(to_string(row.severity));
    json.Key("lenient_severity");
    string(to_string(severity_of(row.id, true)));
    json.Key("can_disable");
    json.Bool(row.disable == DisableRule::kToggle);
    json.Key("meaning");
    string(row.meaning);
    json.EndObject();
  }
  json.EndArray();
  out << buffer.GetString() << "\n";
}

}  // namespace

void register_checks(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand(
      "checks", "List every finding id with its severity, check and meaning (for --disable-check)");
  cmd->add_option("--format", *format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([format, &ctx] {
    if (*format == "json") {
      print_json(std::cout);
    } else {
      print_text(std::cout);
    }
    ctx.exit_code = kExitOk;
  });
}

}  // namespace errcontract::cli
