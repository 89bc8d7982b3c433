#pragma once

#include <string>

// The ids of the simulator's demo clinic (sim/scenario.cpp), named once for every test.
namespace frontdesk::test_support::demo {

/// Locations.
inline const std::string bondi = "514810976554457101";
inline const std::string city = "514810976554457102";
inline const std::string richmond = "514810976554457103";

/// Services.
inline const std::string initial = "514810976554457201";
inline const std::string follow_up = "514810976554457202";
inline const std::string remedial = "514810976554457203";
inline const std::string sports = "514810976554457204";
inline const std::string pilates = "514810976554457205";
inline const std::string telehealth_review = "514810976554457206";
/// Added for the tool tests (tool_test_scenario): Tom gives it at Bondi, booked by the clinic's
/// staff only (hidden from online bookings).
inline const std::string dry_needling = "514810976554457207";

/// Practitioners.
inline const std::string sarah = "514810976554457301";
inline const std::string sean = "514810976554457302";
inline const std::string mei_lin = "514810976554457303";
inline const std::string james = "514810976554457304";
inline const std::string olivia = "514810976554457306";
inline const std::string tom = "514810976554457307";
inline const std::string aisha = "514810976554457308";

/// Patients and appointments the demo starts with.
inline const std::string first_patient = "514810976554457401";
inline const std::string first_appointment = "514810976554457501";
/// Added for the tool tests: Liam Walker's follow-up with Sean a fortnight ago.
inline const std::string past_appointment = "514810976554457599";

}  // namespace frontdesk::test_support::demo
