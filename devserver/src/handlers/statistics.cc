// Bucket statistics (GET /stats/: 21901-21906). A query names a bucket, a
// unit (minute, hour or day) and a range; each unit has its longest range:
// 24 hours by the minute (21902), 30 days by the hour (21903), three calendar
// months by the day (21904). 21903 and 21904 share the English message
// "cant't beyond 30 days"; 21904 follows its Chinese text (3 months), see
// docs/catalog.md. Times are UTC. The statistics backend is simulated: every
// bucket served nothing, except that a fixture can mark a bucket's backend
// broken, and then every valid query fails with 21901.
#include "handlers/handlers.h"

#include <chrono>

#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kMaxMinuteRange = 24 * kHour;    // 21902
constexpr std::int64_t kMaxHourRange = 30 * kDay;       // 21903
constexpr int kMaxDayRangeMonths = 3;                   // 21904
constexpr std::int64_t kMaxUnixSeconds = 253402300799;  // 9999-12-31 23:59:59

std::int64_t seconds_of(std::chrono::sys_days day) {
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count();
}

// `digits` decimal digits at `pos`, or -1.
int digits_at(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Unix seconds, "YYYY-MM-DD" (midnight) or "YYYY-MM-DD HH:MM:SS" (also with
// 'T' between date and time), all UTC, from 1970 to 9999.
std::optional<std::int64_t> parse_time(std::string_view text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    return parse_count(text, kMaxUnixSeconds);
  }
  if (text.size() != 10 && text.size() != 19) return std::nullopt;
  const int y = digits_at(text, 0, 4), m = digits_at(text, 5, 2), d = digits_at(text, 8, 2);
  if (y < 1970 || m < 0 || d < 0 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y},
                                         std::chrono::month{static_cast<unsigned>(m)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  std::int64_t seconds = seconds_of(std::chrono::sys_days{date});
  if (text.size() == 10) return seconds;
  const int h = digits_at(text, 11, 2), mi = digits_at(text, 14, 2), s = digits_at(text, 17, 2);
  if ((text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  return seconds + h * kHour + mi * kMinute + s;
}

// `t` moved `months` calendar months on, the day clamped to the month's last
// (31 January + 1 month = 28 or 29 February), the time of day kept.
std::int64_t add_months(std::int64_t t, int months) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_seconds{seconds{t}});
  year_month_day date{day};
  date += std::chrono::months{months};
  if (!date.ok()) date = year_month_day_last{date.year(), month_day_last{date.month()}};
  return seconds_of(sys_days{date}) + (t - seconds_of(day));
}

struct StatsQuery {
  std::string unit;
  std::int64_t step = 0;
  std::int64_t start = 0;
  std::int64_t end = 0;
};

// The unit and range: the parameter error when missing or malformed, or
// when the range ends before it starts.
std::optional<Reply> read_query(const Call& call, StatsQuery& q) {
  const std::string* unit = call.param("unit");
  q.unit = unit != nullptr ? *unit : "day";
  if (q.unit == "minute") {
    q.step = kMinute;
  } else if (q.unit == "hour") {
    q.step = kHour;
  } else if (q.unit == "day") {
    q.step = kDay;
  } else {
    return call.bad_param();
  }
  // One test per step: g++ 14 at -O3 takes "*end < *start" after a joint
  // test of two optionals built by ?: for a read of an unset one.
  const std::string* start_text = call.param("start_time");
  const std::string* end_text = call.param("end_time");
  if (start_text == nullptr || end_text == nullptr) return call.bad_param();
  const auto start = parse_time(*start_text);
  const auto end = parse_time(*end_text);
  if (!start || !end) return call.bad_param();
  q.start = *start;
  q.end = *end;
  if (q.end < q.start) return call.bad_param();
  return std::nullopt;
}

// The range limit of the query's unit.
std::optional<Reply> check_range(const StatsQuery& q) {
  if (q.step == kMinute && q.end - q.start > kMaxMinuteRange) return Reply::error("21902");
  if (q.step == kHour && q.end - q.start > kMaxHourRange) return Reply::error("21903");
  if (q.step == kDay && q.end > add_months(q.start, kMaxDayRangeMonths)) {
    return Reply::error("21904");
  }
  return std::nullopt;
}

}  // namespace

Reply get_stats(Call& call) {
  const std::string* name = call.param("bucket_name");
  if (name == nullptr || name->empty()) return Reply::error("21906");
  const Bucket* bucket = call.state.owned_bucket(call.account.name, *name);
  if (bucket == nullptr) return Reply::error("21905");
  StatsQuery q;
  if (auto error = read_query(call, q)) return *error;
  if (auto error = check_range(q)) return *error;
  if (bucket->edge.stats_backend_broken) return Reply::error("21901");
  JsonOut out;
  out.open_object().key("bucket_name").str(bucket->name).key("unit").str(q.unit);
  out.key("start_time").num(q.start).key("end_time").num(q.end).key("data").open_array();
  for (std::int64_t t = q.start - q.start % q.step; t <= q.end; t += q.step) {
    out.open_object().key("time").num(t).key("bandwidth").num(0).key("reqs").num(0);
    out.key("bytes").num(0).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
