// Memory for the large, short-lived buffers of loading a case file: its
// text, its DOM and its source map. Each large allocation gets a mapping of
// its own, aligned to and advised for transparent huge pages (THP in
// "madvise" mode, the usual default), so first touching 2 MiB costs one page
// fault instead of 512; on the virtual machines this runs on, those faults
// were most of a first load in a fresh process (docs/performance.md, fifth
// round). Freeing unmaps, so the pages go back to the system at once instead
// of staying in the heap under long-lived allocations.
#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace errcontract::internal {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
// Allocations of this size and up get a mapping of their own; smaller ones
// come from the heap, where a mapping per allocation would cost more than
// its faults.
inline constexpr std::size_t kOwnMappingBytes = std::size_t{1} << 20;

// A mapping of at least `bytes`, aligned to kHugePageBytes
// and advised for huge pages; throws std::bad_alloc when the system refuses.
void* map_huge_pages(std::size_t bytes);
// Unmaps what map_huge_pages(bytes) returned.
void unmap_huge_pages(void* p, std::size_t bytes) noexcept;
// Advises huge pages for the whole huge pages inside [p, p + bytes): for a
// large buffer the heap has just handed out and nothing has touched yet.
void advise_huge_pages(void* p, std::size_t bytes) noexcept;

// A standard allocator over the above: large allocations mapped, small ones
// from operator new.
template <class T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    if (n * sizeof(T) >= kOwnMappingBytes) return static_cast<T*>(map_huge_pages(n * sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) >= kOwnMappingBytes) {
      unmap_huge_pages(p, n * sizeof(T));
    } else {
      std::allocator<T>().deallocate(p, n);
    }
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

// One buffer of `size` bytes from HugePageAllocator, freed with it.
class HugePageBuffer {
 public:
  explicit HugePageBuffer(std::size_t size)
      : size_(size), data_(HugePageAllocator<char>().allocate(size)) {}
  ~HugePageBuffer() { HugePageAllocator<char>().deallocate(data_, size_); }
  HugePageBuffer(const HugePageBuffer&) = delete;
  HugePageBuffer& operator=(const HugePageBuffer&) = delete;

  char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  std::size_t size_;
  char* data_;
};

}  // namespace errcontract::internal
