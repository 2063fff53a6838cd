#include "memory/huge_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#else
#include <cstdlib>
#endif

namespace errcontract::internal {
namespace {

// Whole huge pages, so that the last one can be a huge page too: only the
// pages touched take memory.
std::size_t mapped_length(std::size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

}  // namespace

#if defined(__linux__)

void* map_huge_pages(std::size_t bytes) {
  const std::size_t length = mapped_length(bytes);
  if (length < bytes) throw std::bad_alloc();
  // Mapped with a huge page to spare, then trimmed to an aligned start: the
  // kernel only uses huge pages for aligned 2 MiB ranges of one mapping.
  void* raw = ::mmap(nullptr, length + kHugePageBytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  const std::uintptr_t tail = start + length + kHugePageBytes - (aligned + length);
  if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + length), tail);
  void* p = reinterpret_cast<void*>(aligned);
  ::madvise(p, length, MADV_HUGEPAGE);  // advice: without THP, plain pages
  return p;
}

void unmap_huge_pages(void* p, std::size_t bytes) noexcept {
  if (p != nullptr) ::munmap(p, mapped_length(bytes));
}

void advise_huge_pages(void* p, std::size_t bytes) noexcept {
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (start + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const std::uintptr_t last = (start + bytes) & ~(kHugePageBytes - 1);
  if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

#else

void* map_huge_pages(std::size_t bytes) {
  void* p = std::aligned_alloc(kHugePageBytes, mapped_length(bytes));
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void unmap_huge_pages(void* p, std::size_t) noexcept { std::free(p); }

void advise_huge_pages(void*, std::size_t) noexcept {}

#endif

}  // namespace errcontract::internal
