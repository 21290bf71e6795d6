#pragma once
// What the pages of the supplier register and of tenders share: the use cases they call and a
// few readers of posted forms. Each group of pages registers itself from its own file.
#include <map>
#include <string>

#include "web/forms.hpp"

namespace kk::web::tender_pages {

struct Services {
  app::SupplierService& suppliers;
  app::TenderService& tenders;
  app::CaseService& cases;
  app::SpecificationService& specifications;
};

// Leading and trailing spaces and line breaks removed.
std::string trimmed(const std::string& s);
// What a refused form echoes: the values typed, which form it was, and the message at its field.
nlohmann::json refused(const WebApp& app, const RequestContext& ctx, const std::string& form, nlohmann::json echo,
                       const domain::Result<nlohmann::json>& result);

void register_supplier_pages(Router& r, WebApp& app, Services s);       // supplier_pages.cpp
void register_case_tender_pages(Router& r, WebApp& app, Services s);    // case_tender_pages.cpp
void register_tender_answer_pages(Router& r, WebApp& app, Services s);  // tender_pages.cpp

}  // namespace kk::web::tender_pages
