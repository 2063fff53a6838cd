#include "errcontract/catalog_export.h"

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace errcontract {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_entry(Writer& w, const CodeEntry& e) {
  w.StartObject();
  write_string(w, "code", e.code);
  w.Key("level");
  w.Int(e.level);
  write_string(w, "module", e.module);
  write_string(w, "module_name", e.module_name);
  write_string(w, "detail", e.detail);
  w.Key("status");
  w.Int(e.status);
  write_string(w, "status_reason", e.status_reason);
  w.Key("status_alternatives");
  w.StartArray();
  for (int s : e.status_alternatives) w.Int(s);
  w.EndArray();
  write_string(w, "message", e.message);
  write_string(w, "message_rule", to_string(e.message_rule));
  write_string(w, "description_zh", e.description_zh);
  w.Key("endpoints");
  w.StartArray();
  for (const auto& endpoint : e.endpoints) {
    w.StartObject();
    write_string(w, "endpoint", endpoint.text());
    write_string(w, "source", to_string(endpoint.source));
    write_string(w, "evidence", endpoint.evidence);
    w.EndObject();
  }
  w.EndArray();
  w.Key("notes");
  w.StartArray();
  for (const auto& n : e.notes) w.String(n.data(), static_cast<rapidjson::SizeType>(n.size()));
  w.EndArray();
  write_string(w, "source", e.source);
  w.EndObject();
}

// Markdown table cells cannot hold "|" or newlines.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// "PUT /operators/ (table), PUT /buckets/operators/ (reference)"
std::string endpoint_list(const CodeEntry& e) {
  std::string out;
  for (const auto& endpoint : e.endpoints) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", endpoint.text(), to_string(endpoint.source));
  }
  return out;
}

}  // namespace

std::string export_catalog_json(const Catalog& catalog) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("codes");
  w.StartArray();
  for (const auto& e : catalog.entries()) write_entry(w, e);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string export_catalog_markdown(const Catalog& catalog) {
  std::string out = "# Error catalog\n";
  std::string current_module;
  for (const auto& e : catalog.entries()) {
    std::string module_key = e.code.substr(0, 3);
    if (module_key != current_module) {
      current_module = module_key;
      out += fmt::format(
          "\n## {} {}\n\n| Code | Status | Message | Rule | Endpoints | Description | Source |\n"
          "|---|---|---|---|---|---|---|\n",
          module_key, e.module_name);
    }
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", e.code, e.status, cell(e.message),
                       to_string(e.message_rule), cell(endpoint_list(e)), cell(e.description_zh),
                       e.source);
  }
  return out;
}

std::string describe_code(const CodeEntry& e) {
  std::string alternatives;
  for (int s : e.status_alternatives) {
    alternatives += alternatives.empty() ? std::to_string(s) : ", " + std::to_string(s);
  }
  std::string out = fmt::format(
      "code:         {}\n"
      "level:        {} ({})\n"
      "module:       {} {}\n"
      "status:       {}{}\n"
      "reason:       {}\n"
      "message:      {}\n"
      "message rule: {}\n"
      "description:  {}\n"
      "source:       {}\n",
      e.code, e.level, e.level == 1 ? "system" : "module", e.module, e.module_name, e.status,
      alternatives.empty() ? "" : " (alternatives: " + alternatives + ")", e.status_reason,
      e.message.empty() ? "(none in the table)" : e.message, to_string(e.message_rule),
      e.description_zh, e.source);
  for (const auto& endpoint : e.endpoints) {
    out += fmt::format("endpoint:     {} ({}: {})\n", endpoint.text(), to_string(endpoint.source),
                       endpoint.evidence);
  }
  for (const auto& note : e.notes) out += "note:         " + note + "\n";
  return out;
}

}  // namespace errcontract
