// Handlers of modules 216 (CDN: preheat, rule purge, the default cache time,
// multi-origin servers, custom cache rules, dynamic acceleration), 218
// (css/js/html minify) and 219 (statistics). The legacy origin endpoint
// (POST /buckets/cdn/: 21608) and domain binding (21607) stay in
// cdn_handlers.cc and domain_handlers.cc. docs/reference-server.md lists the
// codes each one answers with, in the order they are checked.
#pragma once

#include <string_view>

#include "handlers.h"

namespace errcontract::internal {

// The parameter errors of the routes (module 216 has no "parameter error"
// code of its own: a malformed body is a malformed rule or configuration).
inline constexpr std::string_view kPurgeRuleParamError = "21605";
inline constexpr std::string_view kOriginParamError = "21619";
inline constexpr std::string_view kCacheRuleParamError = "21620";
inline constexpr std::string_view kMinifyParamError = "21801";

Reply preheat(Call& call);  // preheat_handlers.cc
Reply purge_rules(Call& call);
Reply set_cdn_expired(Call& call);  // cdn_cache_handlers.cc
Reply get_cdn_cache(Call& call);
Reply set_cdn_cache(Call& call);
Reply get_cdn_source(Call& call);  // cdn_source_handlers.cc
Reply set_cdn_source(Call& call);
Reply get_cdn_dynamic(Call& call);  // cdn_dynamic_handlers.cc
Reply set_cdn_dynamic(Call& call);
Reply get_minify(Call& call);  // minify_handlers.cc
Reply set_minify(Call& call);
Reply get_stats(Call& call);  // stats_handlers.cc

}  // namespace errcontract::internal
