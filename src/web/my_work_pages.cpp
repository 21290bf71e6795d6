// The person's start page, "Att göra": what waits for the signed-in person (app/my_work.hpp),
// as a page and as JSON. The address "/" leads here; a supplier's user has its tenders instead.
#include "web/web_app.hpp"
#include "web/forms.hpp"

namespace kk::web {
using nlohmann::json;

void WebApp::register_my_work_pages() {
  auto& r = router_;
  r.add("GET", "/", [](RequestContext& ctx) {
    return Response::redirect(ctx.who().user.is_supplier() ? "/tenders" : "/todo");
  });

  r.add("GET", "/api/v1/me/todo", [this](RequestContext& ctx) {
     return api_json(ctx, work_.todo(ctx.who()));
   }).summary = "What waits for me: classifications to approve, my cases' next gates and what blocks them, "
                "tenders to judge, and controls, deviations, re-assessments and contracts due";

  r.add("GET", "/todo", [this](RequestContext& ctx) {
    if (ctx.who().user.is_supplier()) return Response::redirect("/tenders");
    auto todo = work_.todo(ctx.who());
    if (!todo) return error_page(ctx, todo.error());
    json cases = json::array();
    for (auto c : (*todo)["cases"]) {
      c["next"] = next_steps_view(*this, ctx, c["next"]);
      cases.push_back(std::move(c));
    }
    const json& t = *todo;
    return page(ctx, "todo",
                {{"nav", "todo"},
                 {"title", message(ctx, "ui.todo.title")},
                 {"todo", t},
                 {"cases", cases},
                 {"nothing", t["count"].get<std::size_t>() == 0},
                 {"may_open_cases", allowed(ctx.who(), app::Permission::edit_cases)}});
  });
}

}  // namespace kk::web
