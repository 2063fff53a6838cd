#include "memory/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace errcontract::internal {
namespace {

bool aligned_to_huge_page(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % kHugePageBytes == 0;
}

#if defined(__linux__)
// The "THPeligible" line of the /proc/self/smaps mapping that holds `p`.
std::string thp_eligible(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= address && address < end;
    } else if (inside && line.rfind("THPeligible:", 0) == 0) {
      return line.substr(line.find_first_not_of(" \t", 12));
    }
  }
  return "";
}

bool thp_possible() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(enabled, modes);
  return !modes.empty() && modes.find("[never]") == std::string::npos;
}
#endif

TEST(HugePages, LargeAllocationIsAlignedToAHugePage) {
  HugePageAllocator<std::uint64_t> allocator;
  const std::size_t n = (3 * kHugePageBytes + 100) / sizeof(std::uint64_t);
  std::uint64_t* p = allocator.allocate(n);
  EXPECT_TRUE(aligned_to_huge_page(p));
  p[0] = 1;
  p[n - 1] = 2;  // the whole length is usable
  EXPECT_EQ(p[0] + p[n - 1], 3u);
  allocator.deallocate(p, n);
}

TEST(HugePages, SmallAllocationComesFromTheHeap) {
  std::vector<int, HugePageAllocator<int>> small(10, 7);
  EXPECT_EQ(small[9], 7);
  small.resize(kOwnMappingBytes / sizeof(int) + 1, 8);  // moves into a mapping of its own
  EXPECT_EQ(small[9], 7);
  EXPECT_EQ(small.back(), 8);
  EXPECT_TRUE(aligned_to_huge_page(small.data()));
}

#if defined(__linux__)
TEST(HugePages, LargeAllocationIsAdvisedForHugePages) {
  if (!thp_possible()) GTEST_SKIP() << "transparent huge pages are off on this system";
  HugePageBuffer buffer(2 * kHugePageBytes);
  EXPECT_EQ(thp_eligible(buffer.data()), "1");
}

TEST(HugePages, AdvisesTheWholeHugePagesOfABuffer) {
  if (!thp_possible()) GTEST_SKIP() << "transparent huge pages are off on this system";
  // A buffer from the heap, as a large vector gets it: its whole huge pages
  // are advised after the allocation.
  std::vector<char> plain(5 * kHugePageBytes);
  char* inner = plain.data() + 2 * kHugePageBytes;
  inner -= reinterpret_cast<std::uintptr_t>(inner) % kHugePageBytes;
  if (thp_eligible(inner) == "1") GTEST_SKIP() << "the system gives huge pages unasked";
  advise_huge_pages(plain.data(), plain.size());
  EXPECT_EQ(thp_eligible(inner), "1");
}
#endif

}  // namespace
}  // namespace errcontract::internal
