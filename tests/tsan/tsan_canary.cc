// The ThreadSanitizer canary: two threads write one plain int with nothing
// ordering them, a data race on purpose. Built only with ERRC_TSAN; its test
// passes only when the report "ThreadSanitizer: data race" appears, so a tsan
// build that lost -fsanitize=thread fails instead of passing in silence.
#include <cstdio>
#include <thread>

namespace {

int g_counter = 0;  // deliberately not atomic, not guarded

void bump() {
  for (int i = 0; i < 1000; ++i) ++g_counter;
}

}  // namespace

int main() {
  std::thread first(bump);
  std::thread second(bump);
  first.join();
  second.join();
  std::printf("counter %d\n", g_counter);
  return 0;
}
