// Notifications and the personal calendar feed. The feed is reached without signing in (a
// calendar client cannot), by the secret in its address.
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;

void WebApp::register_reminder_routes() {
  auto& r = router_;
  r.add("GET", "/api/v1/me/notifications", [this](RequestContext& ctx) {
     bool unread = ctx.req.query_param("unread").value_or("") == "true";
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     return api_json(ctx, reminders_.notifications(ctx.who(), unread, *page));
   })
      .with_query(paging_query())
      .with_query({{"unread", "true: only those not read"}})
      .summary = "My reminders of due and overdue controls, deviations, re-assessments and expiring contracts by due "
                "date, a page at a time (?unread=true; ?limit=1–1000, default 100; ?offset=)";
  r.add("POST", "/api/v1/me/notifications/{notification_id}/read", [this](RequestContext& ctx) {
     return api_json(ctx, reminders_.mark_read(ctx.who(), ctx.param("notification_id")));
   }).summary = "Mark one of my reminders as read";
  r.add("GET", "/api/v1/me/calendar-feed", [this](RequestContext& ctx) {
     return api_json(ctx, reminders_.feed_status(ctx.who()));
   }).summary = "Whether I have a personal calendar feed";
  auto& create = r.add("POST", "/api/v1/me/calendar-feed", [this](RequestContext& ctx) {
    return api_json(ctx, reminders_.create_feed(ctx.who()), 201);
  });
  create.summary = "A new secret address of my calendar feed (shown once; replaces the earlier one)";
  create.success_status = 201;
  r.add("DELETE", "/api/v1/me/calendar-feed", [this](RequestContext& ctx) {
     return api_json(ctx, reminders_.revoke_feed(ctx.who(), ctx.who().user.id));
   }).summary = "Revoke my calendar feed";
  r.add("DELETE", "/api/v1/users/{id}/calendar-feed", [this](RequestContext& ctx) {
     return api_json(ctx, reminders_.revoke_feed(ctx.who(), ctx.param("id")));
   }).summary = "Revoke a user's calendar feed (admin)";
  r.add("GET", "/calendar/{feed}", [this](RequestContext& ctx) {
     std::string feed = ctx.param("feed");
     const std::string suffix = ".ics";
     if (feed.size() <= suffix.size() || feed.compare(feed.size() - suffix.size(), suffix.size(), suffix) != 0)
       return api_error(ctx, domain::Error::not_found());
     auto ics = reminders_.feed(feed.substr(0, feed.size() - suffix.size()));
     if (!ics) return api_error(ctx, ics.error());
     return Response::attachment(*ics, "text/calendar; charset=utf-8", "kravkedja.ics");
   }, Access::public_route).summary = "A personal calendar feed, by the secret in its address (no sign-in)";
}

}  // namespace kk::web
