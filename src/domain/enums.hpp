#pragma once
// Every enumeration of the domain, each with one to_string / parse pair. The wire name
// (JSON, SQL, forms, templates) is the enumerator's own name.
#include <optional>
#include <string_view>
#include <vector>

namespace kk::domain {
namespace detail {
std::vector<std::string_view> split_enum_names(std::string_view list);
}

#define KK_ENUM(Name, ...)                                                              \
  enum class Name { __VA_ARGS__ };                                                      \
  inline const std::vector<std::string_view>& enum_names(Name) {                        \
    static const auto names = ::kk::domain::detail::split_enum_names(#__VA_ARGS__);     \
    return names;                                                                       \
  }                                                                                     \
  inline std::string_view to_string(Name v) { return enum_names(Name{})[static_cast<std::size_t>(v)]; }

template <class E>
std::optional<E> parse_enum(std::string_view text) {
  const auto& names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

KK_ENUM(Role, admin, ciso, procurer, information_owner, contract_manager, security_officer, legal, reader)
KK_ENUM(OrgKind, municipality, region, state_agency, municipal_company)
KK_ENUM(Language, sv, en)
KK_ENUM(Aspect, confidentiality, integrity, availability, traceability)
KK_ENUM(ClassificationStage, initial, deep)
KK_ENUM(ClassificationMethod, simple, complete)
KK_ENUM(CaseKind, procurement, call_off, framework_agreement, acquisition_without_procurement,
        operation_change, shared_service)
KK_ENUM(ObjectType, goods, service, it_system)
KK_ENUM(DeliveryModel, on_premises, outsourcing, cloud_iaas, cloud_paas, cloud_saas, leasing,
        development, shared_service)
KK_ENUM(Law, LOU, LUF, LUK, LUFS)
KK_ENUM(Procedure, open, restricted, negotiated_with_notice, negotiated_without_notice,
        competitive_dialogue, innovation_partnership, simplified, direct_award, call_off,
        mini_competition)
KK_ENUM(Party, own, external)
KK_ENUM(HostingLocation, own_premises, eu_eea_cloud, third_country)
KK_ENUM(Outcome, approved, rejected, reopened)
KK_ENUM(CaseStatus, open, met_otherwise, cancelled, completed)
KK_ENUM(ActivityStatus, open, done, not_applicable)
KK_ENUM(Step, prepare, procure, realise)
KK_ENUM(Phase, prestudy, requirements, evaluate_award, delivery_check, manage, exit)
KK_ENUM(Gate, need_identified, procure_decision, documents_approved, award_decided, contract_signed,
        delivery_approved, exit_decided, relationship_closed)
KK_ENUM(RiskStage, initial, deep, award)
KK_ENUM(Treatment, reduce, accept, avoid, share)
KK_ENUM(RiskDecision, accepted, more_measures)
KK_ENUM(Flag, personal_data, sensitive_personal_data, secrecy, security_protection, critical_service)

inline constexpr Aspect all_aspects[] = {Aspect::confidentiality, Aspect::integrity,
                                         Aspect::availability, Aspect::traceability};

}  // namespace kk::domain
