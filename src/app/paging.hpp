#pragma once
// One page of a long list: how many items from where. A paged list answers with its page and
// the total, so an API client or the page's links can go on.
#include <cstdint>

#include <nlohmann/json.hpp>

namespace kk::app {

struct Page {
  static constexpr int default_limit = 100;
  static constexpr int max_limit = 1000;
  int limit = default_limit;
  std::int64_t offset = 0;
};

// {"total","limit","offset","next_offset"}; next_offset is null on the last page (and for the
// whole list, limit -1).
inline nlohmann::json page_json(const Page& page, std::int64_t total) {
  std::int64_t next = page.offset + page.limit;
  return {{"total", total},
          {"limit", page.limit},
          {"offset", page.offset},
          {"next_offset", page.limit >= 0 && next < total ? nlohmann::json(next) : nlohmann::json()}};
}

// A list's answer, {"items", "page"}: `count` (the total in the database) is asked only when the
// list was cut to a page.
template <class Count>
nlohmann::json paged_list(nlohmann::json items, const Page& page, Count&& count) {
  std::int64_t total = page.limit < 0 ? std::int64_t(items.size()) : std::int64_t(count());
  return {{"items", std::move(items)}, {"page", page_json(page, total)}};
}

}  // namespace kk::app
