#pragma once
// The web edge: resolves who is asking and in which language, checks CSRF, dispatches to
// a route, and maps errors to HTTP answers in one place.
#include <functional>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/accounts.hpp"
#include "app/assets.hpp"
#include "app/case_forms.hpp"
#include "app/case_registers.hpp"
#include "app/cases.hpp"
#include "app/catalogues.hpp"
#include "app/contract_life.hpp"
#include "app/case_archive.hpp"
#include "app/contracts.hpp"
#include "app/my_work.hpp"
#include "app/reminders.hpp"
#include "app/risks.hpp"
#include "app/sign_on.hpp"
#include "app/specification.hpp"
#include "app/suppliers.hpp"
#include "app/tenders.hpp"
#include "app/paging.hpp"
#include "io/table_export.hpp"
#include "web/metrics.hpp"
#include "web/router.hpp"

namespace kk::web {

class WebApp {
 public:
  WebApp(app::Store& store, const app::Content& content);
  Response handle(Request& req);
  // A route added after construction (the access sweep's test build adds one that forgets its
  // permission check); it is documented in the OpenAPI document like the others.
  Route& add_route(std::string method, std::string pattern, RouteHandler handler);

  // API answers.
  Response api_error(const RequestContext& ctx, const domain::Error& error) const;
  Response api_json(const RequestContext& ctx, const domain::Result<nlohmann::json>& result, int status = 200) const;
  // A table as a download: "xlsx", or "csv" (UTF-8 with BOM, semicolons); the file is stem.ext.
  static Response table_file(const io::Table& table, const std::string& ext, const std::string& stem);
  // A request body as JSON, or the 400 answer naming what is wrong.
  domain::Result<nlohmann::json> body_json(const RequestContext& ctx) const;
  // ?limit= and ?offset= of a paged API list (limit 1–1000), or the error naming the parameter.
  domain::Result<app::Page> page_param(const RequestContext& ctx) const;
  // A page of a list on a web page: ?page=N (from 1; not a number: the first), `per_page` items. A
  // page past the end shows no items and the pager's link back to the last one.
  // `param` names the page number when one web page has two paged lists.
  app::Page page_number(const RequestContext& ctx, int per_page, const std::string& param = "page") const;
  // The links under a paged list: "Sida 2 av 7", previous and next, from the list's "page"; the
  // path may carry a query of its own.
  nlohmann::json pager(const RequestContext& ctx, const std::string& path, const nlohmann::json& page,
                       const std::string& param = "page") const;
  // A route handler that reads the JSON body, runs the use case on it and answers with its result.
  template <class UseCase>
  RouteHandler with_body(UseCase use_case, int status = 200) {
    return [this, use_case, status](RequestContext& ctx) {
      auto body = body_json(ctx);
      if (!body) return api_error(ctx, body.error());
      return api_json(ctx, use_case(ctx, *body), status);
    };
  }
  // Behind a reverse proxy the client's address is the last one in X-Forwarded-For (which the
  // proxy appends); otherwise the connection's peer, as a client could forge the header.
  void trust_forwarded_for(bool yes) { trust_forwarded_for_ = yes; }
  // The address people reach Kravkedja at (https://kravkedja.example.se), for the sign-on
  // callback; without it, the request's Host header (and X-Forwarded-Proto behind a proxy).
  void public_url(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    public_url_ = std::move(url);
  }
  std::string base_url(const Request& req) const;
  // What /readyz asks besides the database answering: the number of migrations the database
  // lacks (the store's own count; unset, none are checked).
  void readiness(std::function<int()> pending_migrations) { pending_migrations_ = std::move(pending_migrations); }
  // GET /metrics answers the loopback peer without a proxy in between, or, when a token is set,
  // whoever sends it as a bearer token (a Prometheus server elsewhere).
  void metrics_token(std::string token) { metrics_token_ = std::move(token); }
  // The database pool's figures for /metrics.
  void pool_figures(std::function<PoolFigures()> figures) { pool_figures_ = std::move(figures); }
  // Every answered request, for an access log (set by the command line when asked for).
  struct Answered {
    const Request& req;
    const std::string& route;  // the matched pattern, "" when none matched
    int status;
    double seconds;
    std::string client;
  };
  void on_answered(std::function<void(const Answered&)> log) { on_answered_ = std::move(log); }
  // The installation's own files under /static/ (a logo, a stylesheet of its own), read once at
  // start-up; a name here goes before the built-in file of the same name.
  void own_static_files(std::map<std::string, std::string> files) { own_static_files_ = std::move(files); }
  static std::string session_cookie(const std::string& token);
  // The second step of a sign-in: the code of the authenticator app.
  Response code_page(RequestContext& ctx, const std::string& challenge, const std::string& next,
                     const std::string& error = {}, int status = 200);
  // The sign-in page with the organisations' providers, and the problem when there is one.
  Response login_page(RequestContext& ctx, const std::string& next, const std::string& error = {}, int status = 200,
                      const std::string& username = {});
  std::string client_address(const Request& req) const;
  std::string message(const RequestContext& ctx, const std::string& key,
                      const std::map<std::string, std::string>& params = {}) const;
  std::string error_message(const RequestContext& ctx, const domain::Error& error) const;
  // Renders templates/NAME.html inside the layout.
  Response page(RequestContext& ctx, const std::string& name, nlohmann::json data, int status = 200) const;
  Response error_page(RequestContext& ctx, const domain::Error& error) const;
  // After a form on a page was posted: back to `page_path#anchor` when it worked; otherwise the
  // page again, drawn by `redraw(ctx, id, problem, status)` with the problem (the echoed values,
  // the message and the anchor), or the error page when the object is gone.
  using PageDrawer = std::function<Response(RequestContext&, const std::string&, const nlohmann::json&, int)>;
  Response form_outcome(RequestContext& ctx, const std::string& page_path, const std::string& anchor,
                        nlohmann::json echo, const domain::Result<nlohmann::json>& result,
                        const PageDrawer& redraw) const;
  // The risk register's heat maps (before and after measures) as inline SVG, and the legend.
  struct HeatMaps {
    std::string before, after, legend;
  };
  HeatMaps heat_maps(const RequestContext& ctx, const nlohmann::json& matrix, const nlohmann::json& risks) const;

 private:
  void register_api_routes();
  void register_page_routes();
  void register_asset_pages();
  void register_case_pages();
  void register_admin_pages();
  void register_specification_pages();
  void register_document_routes();
  void register_catalogue_routes();
  void register_risk_pages();
  void register_assessment_routes();
  void register_assessment_pages();
  void register_tender_routes();
  void register_contract_routes();
  void register_contract_life_routes();
  void register_reminder_routes();
  void register_sign_on_routes();
  void register_help_pages();
  void register_my_work_pages();
  void register_sign_on_pages();
  void register_account_routes();
  void register_tender_pages();
  void register_contract_pages();
  Response dispatch(RequestContext& ctx);
  Response answer(RequestContext& ctx);
  Response metrics_page(const RequestContext& ctx) const;

  bool trust_forwarded_for_ = false;
  std::string public_url_;
  std::function<int()> pending_migrations_;
  std::string metrics_token_;
  std::function<PoolFigures()> pool_figures_;
  std::function<void(const Answered&)> on_answered_;
  std::map<std::string, std::string> own_static_files_;
  Metrics metrics_;
  app::Store& store_;
  const app::Content& content_;
  app::ContentRegistry registry_;
  app::AccountService accounts_;
  app::AssetService assets_;
  app::CaseService cases_;
  app::SpecificationService specifications_;
  app::CatalogueService catalogues_;
  app::RiskService risks_;
  app::FormService forms_;
  app::RegisterService registers_;
  app::SupplierService suppliers_;
  app::TenderService tenders_;
  app::ContractService contracts_;
  app::ContractLifeService life_;
  app::ReminderService reminders_;
  app::WorkService work_;
  app::ArchiveService archives_;
  app::SignOnService sign_on_;
  Router router_;
  std::string openapi_json_;  // the OpenAPI document of the routes, made once they are registered
  // What every page renders with, per language, built once: the message catalogue as `t`
  // and the partials (render.cpp).
  struct PageBase;
  std::shared_ptr<const PageBase> page_base_sv_, page_base_en_;
  static std::shared_ptr<const PageBase> make_page_base(const nlohmann::json& texts);
};

int http_status(domain::ErrorKind kind);
// The OpenAPI 3 document of the routes under /api/v1.
nlohmann::json openapi_document(const Router& router);

}  // namespace kk::web
