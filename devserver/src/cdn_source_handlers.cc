// Multi-origin configuration of cdn and ucdn buckets (GET and POST
// /v2/buckets/cdn/source/: 21612-21619). The body is the modern one
// (api-surface.md S2): {"bucket_name", "domain", "source_type", "cdn":
// {"servers": [...], "ctn": {"servers": [...]}, ...}} where a server is
// {"host", "port", "weight", "max_fails", "fail_timeout", "backup",
// "force_isp"}. Members of "cdn" are checked in document order, each server's
// fields in the order of the table (host, port, weight, max_fails,
// fail_timeout, backup). A configuration that is stored also counts as the
// bucket's origin being set, so a ucdn bucket may then bind domains (21240).
#include <array>

#include "cdn_edge_handlers.h"
#include "cdn_url.h"
#include "json_in.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

constexpr std::string_view kDefaultGroup = "default";  // cdn.servers
// The route (ISP line) groups: telecom, unicom, mobile, multi-line, other, abroad.
constexpr std::array<std::string_view, 6> kRouteGroups = {"ctn", "cun",   "cmn",
                                                          "bgp", "other", "abroad"};
constexpr std::array<std::string_view, 3> kSourceTypes = {"http", "https", "protocol_follow"};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

// An IPv4 address, or an http(s) URL that names a host and nothing more.
bool is_origin_host(std::string_view text) {
  if (is_ipv4(text)) return true;
  const std::optional<HttpUrl> url = parse_http_url(text);
  return url && url->path == "/";
}

// An optional integer member: `fallback` when absent, nullopt when present
// but not an integer in [min, max].
std::optional<std::int64_t> int_member(const rapidjson::Value& v, std::string_view name,
                                       std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const rapidjson::Value* m = json_member(v, name);
  return m == nullptr ? std::optional<std::int64_t>(fallback) : json_int_in(*m, min, max);
}

std::optional<Reply> read_server(const rapidjson::Value& v, OriginServer& out) {
  if (!v.IsObject()) return Reply::error("21619");
  const rapidjson::Value* host = json_member(v, "host");
  if (host == nullptr || !host->IsString() || !is_origin_host(json_string(*host))) {
    return Reply::error("21613");
  }
  out.host = json_string(*host);
  const auto port = int_member(v, "port", 80, 1, 65535);
  if (!port) return Reply::error("21614");
  const auto weight = int_member(v, "weight", 1, 1, kMaxOriginWeight);
  if (!weight) return Reply::error("21615");
  const auto max_fails = int_member(v, "max_fails", 3, 0, kMaxOriginFails);
  if (!max_fails) return Reply::error("21616");
  const auto fail_timeout = int_member(v, "fail_timeout", 30, 1, kMaxOriginFailTimeout);
  if (!fail_timeout) return Reply::error("21617");
  out.port = *port;
  out.weight = *weight;
  out.max_fails = *max_fails;
  out.fail_timeout = *fail_timeout;
  if (const rapidjson::Value* backup = json_member(v, "backup")) {
    if (!backup->IsBool()) return Reply::error("21618");
    out.backup = backup->GetBool();
  }
  if (const rapidjson::Value* isp = json_member(v, "force_isp")) {
    if (!isp->IsString() || !is_one_of(kRouteGroups, json_string(*isp))) {
      return Reply::error("21612");
    }
  }
  return std::nullopt;
}

// A servers array: 1 to kMaxOriginServers servers, at least one not a backup.
std::optional<Reply> read_servers(const rapidjson::Value* list, std::vector<OriginServer>& out) {
  if (list == nullptr || !list->IsArray() || list->Empty() || list->Size() > kMaxOriginServers) {
    return Reply::error("21619");
  }
  bool primary = false;
  for (const rapidjson::Value& v : list->GetArray()) {
    out.emplace_back();
    if (auto error = read_server(v, out.back())) return error;
    primary = primary || !out.back().backup;
  }
  // Backups stand in for a primary that fails: a group of backups only has none.
  if (!primary) return Reply::error("21618");
  return std::nullopt;
}

std::optional<Reply> read_groups(const rapidjson::Value& cdn, OriginConfig& out) {
  for (const auto& member : cdn.GetObject()) {
    const std::string name = json_string(member.name);
    if (name == "servers") {
      if (auto error = read_servers(&member.value, out.groups[std::string(kDefaultGroup)])) {
        return error;
      }
    } else if (name == "accept_ranges") {
      if (!member.value.IsBool() && !member.value.IsNull()) return Reply::error("21619");
    } else if (is_one_of(kRouteGroups, name)) {
      if (!member.value.IsObject()) return Reply::error("21619");
      if (auto error = read_servers(json_member(member.value, "servers"), out.groups[name])) {
        return error;
      }
    } else {
      return Reply::error("21612");
    }
  }
  if (out.groups.empty()) return Reply::error("21619");
  return std::nullopt;
}

std::optional<Reply> origin_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  // Only CDN buckets pull from an origin (as POST /buckets/cdn/).
  if (!is_cdn(bucket->type)) return Reply::error("21207");
  return std::nullopt;
}

void write_servers(JsonOut& out, const std::vector<OriginServer>& servers) {
  out.open_array();
  for (const OriginServer& s : servers) {
    out.open_object().key("host").str(s.host).key("port").num(s.port);
    out.key("weight").num(s.weight).key("max_fails").num(s.max_fails);
    out.key("fail_timeout").num(s.fail_timeout).key("backup").flag(s.backup).close_object();
  }
  out.close_array();
}

}  // namespace

Reply get_cdn_source(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = origin_bucket(call, bucket)) return *error;
  const OriginConfig& config = bucket->edge.origins;
  JsonOut out;
  out.open_object().key("configured").flag(config.configured);
  out.key("domain").str(config.domain).key("source_type").str(config.source_type);
  out.key("cdn").open_object();
  for (const auto& [group, servers] : config.groups) {
    if (group == kDefaultGroup) {
      out.key("servers");
      write_servers(out, servers);
    } else {
      out.key(group).open_object().key("servers");
      write_servers(out, servers);
      out.close_object();
    }
  }
  out.close_object().close_object();
  return Reply::ok(out.take());
}

Reply set_cdn_source(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = origin_bucket(call, bucket)) return *error;
  rapidjson::Document doc;
  if (!read_json_body(call.request, doc)) return call.bad_param();
  OriginConfig config;
  config.configured = true;
  config.source_type = "http";
  if (const rapidjson::Value* type = json_member(doc, "source_type")) {
    if (!type->IsString() || !is_one_of(kSourceTypes, json_string(*type))) {
      return call.bad_param();
    }
    config.source_type = json_string(*type);
  }
  if (const rapidjson::Value* domain = json_member(doc, "domain")) {
    if (!domain->IsString()) return call.bad_param();
    config.domain = normalize_domain(json_string(*domain));
    if (!is_valid_domain(config.domain, false)) return call.bad_param();
  }
  const rapidjson::Value* cdn = json_member(doc, "cdn");
  if (cdn == nullptr || !cdn->IsObject()) return call.bad_param();
  if (auto error = read_groups(*cdn, config)) return *error;
  bucket->edge.origins = std::move(config);
  bucket->origin.configured = true;
  return Reply::ok();
}

}  // namespace errcontract::internal
