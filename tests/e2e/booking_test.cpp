#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "domain/time_zone.hpp"
#include "support/demo_ids.hpp"
#include "support/test_database.hpp"
#include "support/tool_fixture.hpp"

// Booking, moving and cancelling over HTTP, as the agent does, against the simulator and a real
// PostgreSQL. What Cliniko holds afterwards is read from the simulator itself.
using namespace frontdesk;
using namespace frontdesk::test_support;
using namespace std::chrono_literals;
using namespace frontdesk::test_support::demo;

namespace {

std::string utc(const std::string& local) {
  const auto t = domain::parse_instant(local);
  return t ? domain::format_utc(*t) : "unreadable: " + local;
}

class Booking : public tool_fixture {
 protected:
  // The appointment as Cliniko (the simulator) has it.
  json_value in_cliniko(const std::string& id) {
    return sim_call("GET", "/individual_appointments/" + id, "", "", 200);
  }

  // Live appointments of a practitioner starting at `start` (UTC), as Cliniko has them.
  std::size_t booked_at(const std::string& practitioner, const std::string& start) {
    const auto doc = sim_call("GET", "/individual_appointments",
                              "q[]=practitioner_id:=" + practitioner + "&q[]=starts_at:>=" + start +
                                  "&q[]=starts_at:<=" + start + "&per_page=100",
                              "", 200);
    std::size_t live = 0;
    if (const auto* list = doc.find("individual_appointments"))
      for (const auto& a : list->as<json_value::array>())
        if (const auto* c = a.find("cancelled_at"); !c || c->is_null()) ++live;
    return live;
  }

  std::size_t patients_named(const std::string& first, const std::string& last) {
    const auto doc = sim_call("GET", "/patients",
                              "q[]=first_name:=" + first + "&q[]=last_name:=" + last, "", 200);
    return doc.find("patients") ? doc.find("patients")->as<json_value::array>().size() : 0;
  }

  std::string intent_state(const std::string& appointment_id) {
    return query_value(db.url(), "SELECT state FROM booking_intents WHERE appointment_id = '" +
                                     appointment_id + "' ORDER BY id DESC LIMIT 1");
  }

  // Offers Sean's next follow-up in session `session` and returns the time offered (UTC).
  std::string offer_sean(const std::string& session) {
    const auto next = call("find-next-available",
                           R"({"practitioner":"Sean","service":"follow-up","sessionId":")" +
                               session + R"(","dialedNumber":"0298765432"})");
    EXPECT_TRUE(flag(next, "found")) << http::to_json(next);
    return utc(text(part(next, "slot"), "startTime"));
  }
};

}  // namespace

TEST_F(Booking, ANewPatientBooksTheTimeJustOfferedWithTheRestFromTheContext) {
  const auto offered = offer_sean("book_1");
  auto booked = call("appointment-handler",
                     R"({"action":"book","patientName":"Zara Quinn","callerPhone":"0400 555 111",)"
                     R"("sessionId":"book_1","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  const auto id = text(booked, "appointmentId");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(
      text(booked, "message")
          .rfind("You're booked with Sean Murphy for a Follow-up Consultation at Sydney CBD on ",
                 0),
      0u)
      << text(booked, "message");
  EXPECT_NE(text(booked, "message").find("Your reference number is "), std::string::npos);

  const auto appointment = in_cliniko(id);
  EXPECT_EQ(text(appointment, "starts_at"), offered);
  EXPECT_EQ(patients_named("Zara", "Quinn"), 1u);
  EXPECT_EQ(booked_at(sean, offered), 1u);
  EXPECT_EQ(intent_state(id), "done");
  // The new patient is in the phone index at once.
  EXPECT_EQ(
      query_value(db.url(), "SELECT count(*) FROM patient_phones WHERE e164 = '+61400555111'"),
      "1");

  // Calling again from that number: the same patient, not a twin.
  const auto later = offer_sean("book_1b");
  auto again =
      call("appointment-handler",
           R"({"action":"book","patientName":"Zara Quinn","callerPhone":"+61 400 555 111",)"
           R"("sessionId":"book_1b","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(again, "success")) << http::to_json(again);
  EXPECT_NE(later, offered);  // the first is booked: not offered again
  EXPECT_EQ(patients_named("Zara", "Quinn"), 1u);
  EXPECT_EQ(text(part(part(again, "appointment"), "patient"), "id"),
            text(part(part(booked, "appointment"), "patient"), "id"));
}

TEST_F(Booking, AFamilyPhoneAsksWhoTheAppointmentIsFor) {
  offer_sean("family");
  auto who = call("appointment-handler",
                  R"({"action":"book","callerPhone":"02 9387 6543","sessionId":"family",)"
                  R"("dialedNumber":"0298765432"})");
  EXPECT_TRUE(flag(who, "needsClarification")) << http::to_json(who);
  EXPECT_EQ(text(who, "clarify"), "patient");
  EXPECT_EQ(ids(who, "options").size(), 2u);

  auto noah = call("appointment-handler",
                   R"({"action":"book","patientName":"Noah Nguyen","callerPhone":"02 9387 6543",)"
                   R"("sessionId":"family","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(noah, "success")) << http::to_json(noah);
  EXPECT_EQ(text(part(part(noah, "appointment"), "patient"), "id"), "514810976554457404");
  EXPECT_EQ(patients_named("Noah", "Nguyen"), 1u);
}

TEST_F(Booking, ATimeTakenBetweenOfferAndBookIsNotBookedAndTheNearestAreOffered) {
  const auto offered = offer_sean("taken");
  // Someone at the front desk books it first, straight into Cliniko.
  sim_call("POST", "/individual_appointments", "",
           R"({"starts_at":")" + offered +
               R"(","patient_id":"514810976554457401","practitioner_id":")" + sean +
               R"(","appointment_type_id":")" + follow_up +
               R"(","business_id":"514810976554457102"})",
           201);
  auto reply = call("appointment-handler",
                    R"({"action":"book","patientName":"Mia Clarke","callerPhone":"0455 000 222",)"
                    R"("sessionId":"taken","dialedNumber":"0298765432"})");
  EXPECT_FALSE(flag(reply, "success"));
  EXPECT_EQ(text(reply, "error"), "slot_taken");
  EXPECT_EQ(text(reply, "message").rfind("Sorry, ", 0), 0u);
  EXPECT_EQ(booked_at(sean, offered), 1u);  // only the front desk's
  EXPECT_EQ(query_value(db.url(),
                        "SELECT state FROM booking_intents WHERE patient_name = 'Mia "
                        "Clarke'"),
            "failed");
  // The alternatives are free in Cliniko, and booking "the first one" now works.
  const auto* alternatives = reply.find("alternatives");
  ASSERT_NE(alternatives, nullptr);
  ASSERT_FALSE(alternatives->as<json_value::array>().empty());
  const auto first = utc(text(alternatives->as<json_value::array>().front(), "startTime"));
  auto second = call("appointment-handler",
                     R"({"action":"book","patientName":"Mia Clarke","callerPhone":"0455 000 222",)"
                     R"("time":")" +
                         text(alternatives->as<json_value::array>().front(), "displayTime") +
                         R"(","sessionId":"taken","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(second, "success")) << http::to_json(second);
  EXPECT_EQ(utc(text(part(second, "appointment"), "startTime")), first);
}

TEST_F(Booking, TwentySessionsRacingForOneTimeMakeExactlyOneAppointment) {
  const auto offered = offer_sean("race_probe");
  const auto local = domain::format_local(*domain::parse_instant(offered), "Australia/Sydney");
  std::atomic<int> booked{0}, taken{0}, other{0};
  std::mutex offered_lock;
  std::vector<std::string> offered_instead;
  std::vector<std::thread> callers;
  for (int i = 0; i < 20; ++i)
    callers.emplace_back([&, i] {
      http_client client{port};
      const auto body =
          R"({"action":"book","practitioner":"Sean","appointmentType":"follow-up",)"
          R"("business_id":")" +
          city + R"(","date":")" + local.substr(0, 10) + R"(","time":")" + local.substr(11, 5) +
          R"(","patientName":"Racer )" + std::string(1, static_cast<char>('A' + i)) +
          R"( Test","callerPhone":"0400 600 )" + std::to_string(100 + i) +
          R"(","sessionId":"race_)" + std::to_string(i) + R"(","dialedNumber":"0298765432"})";
      const auto reply = client.request("POST", "/appointment-handler", body,
                                        {{"x-api-key", "tools-test-key-0001"}});
      const auto doc = http::parse_json(reply.body);
      if (reply.status == 200 && doc && flag(*doc, "success"))
        ++booked;
      else if (doc && text(*doc, "error") == "slot_taken") {
        ++taken;
        const std::lock_guard lock{offered_lock};
        if (const auto* alternatives = doc->find("alternatives"))
          for (const auto& a : alternatives->as<json_value::array>())
            offered_instead.push_back(utc(text(a, "startTime")));
      } else {
        ++other;
      }
    });
  for (auto& t : callers) t.join();
  EXPECT_EQ(booked.load(), 1);
  EXPECT_EQ(taken.load(), 19);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(booked_at(sean, offered), 1u);
  // What losers heard instead never overlaps the winner's appointment (Cliniko's list of free
  // times does not show it yet; the claims do).
  const auto winner = query_value(db.url(),
                                  "SELECT extract(epoch FROM starts_at)::bigint || ' ' ||"
                                  " extract(epoch FROM ends_at)::bigint FROM booking_intents"
                                  " WHERE state = 'done' ORDER BY id DESC LIMIT 1");
  const auto starts = std::stoll(winner.substr(0, winner.find(' ')));
  const auto ends = std::stoll(winner.substr(winner.find(' ') + 1));
  EXPECT_FALSE(offered_instead.empty());
  for (const auto& alternative : offered_instead) {
    const auto at = domain::seconds_of(*domain::parse_instant(alternative));
    EXPECT_TRUE(at + (ends - starts) <= starts || at >= ends) << alternative << " overlaps";
  }
}

TEST_F(Booking, TheSameRequestTwiceGetsTheFirstBookingBack) {
  offer_sean("twice");
  const std::string body =
      R"({"action":"book","patientName":"Theo Park","callerPhone":"0400 777 888",)"
      R"("sessionId":"twice","dialedNumber":"0298765432"})";
  auto first = call("appointment-handler", body);
  ASSERT_TRUE(flag(first, "success")) << http::to_json(first);
  // The agent repeats itself: the context still names the time (the same offer, now booked).
  auto second = call("appointment-handler",
                     R"({"action":"book","patientName":"Theo Park","callerPhone":"0400 777 888",)"
                     R"("date":")" +
                         text(part(first, "appointment"), "startTime").substr(0, 10) +
                         R"(","time":")" + text(part(first, "appointment"), "displayTime") +
                         R"(","practitioner":"Sean","appointmentType":"follow-up",)"
                         R"("business_id":")" +
                         city + R"(","sessionId":"twice","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(second, "success")) << http::to_json(second);
  EXPECT_EQ(text(second, "appointmentId"), text(first, "appointmentId"));
  EXPECT_EQ(text(second, "message").rfind("You're already booked", 0), 0u);
  EXPECT_EQ(booked_at(sean, utc(text(part(first, "appointment"), "startTime"))), 1u);
  EXPECT_EQ(patients_named("Theo", "Park"), 1u);
}

TEST_F(Booking, RescheduleByIdMovesTheSameAppointment) {
  offer_sean("move_1");
  auto booked = call("appointment-handler",
                     R"({"action":"book","patientName":"Ivy Stone","callerPhone":"0400 111 333",)"
                     R"("sessionId":"move_1","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  const auto id = text(booked, "appointmentId");
  // Another time of Sean's, from the simulator: the last free one in the next week.
  const auto today = domain::format_date(domain::local_date(now(), "Australia/Sydney"));
  const auto free = sim_times(
      city, sean, follow_up, today,
      domain::format_date(domain::calendar_date{
          date::sys_days{domain::local_date(now(), "Australia/Sydney")} + date::days{6}}));
  ASSERT_GE(free.size(), 2u);
  const auto target = free.back();
  const auto local = domain::format_local(*domain::parse_instant(target), "Australia/Sydney");
  auto moved = call("appointment-handler",
                    R"({"action":"reschedule","appointmentId":")" + id + R"(","date":")" +
                        local.substr(0, 10) + R"(","time":")" + local.substr(11, 5) +
                        R"(","callerPhone":"0400 111 333","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(moved, "success")) << http::to_json(moved);
  EXPECT_EQ(text(moved, "appointmentId"), id);
  EXPECT_EQ(text(in_cliniko(id), "starts_at"), target);
  EXPECT_EQ(text(moved, "message").rfind("Done. Your appointment is now with Sean Murphy", 0), 0u);
}

TEST_F(Booking, RescheduleByPhoneAsksWhichWhenThereAreSeveral) {
  // Emma Thompson has two upcoming appointments in the demo clinic.
  auto which = call("appointment-handler",
                    R"({"action":"reschedule","callerPhone":"0412 345 678","date":"tomorrow",)"
                    R"("time":"3pm","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(which, "clarify"), "appointment") << http::to_json(which);
  EXPECT_EQ(ids(which, "options", "appointmentId"),
            (std::vector<std::string>{"514810976554457501", "514810976554457509"}));

  // Charlotte Brown has one (the other is cancelled): it is found and moved.
  const auto free = sim_times(
      "514810976554457103", "514810976554457304", "514810976554457204",
      domain::format_date(domain::local_date(now(), "Australia/Sydney")),
      domain::format_date(domain::calendar_date{
          date::sys_days{domain::local_date(now(), "Australia/Sydney")} + date::days{6}}));
  ASSERT_FALSE(free.empty());
  const auto local =
      domain::format_local(*domain::parse_instant(free.back()), "Australia/Melbourne");
  auto moved = call("appointment-handler",
                    R"({"action":"modify","callerPhone":"61434567890","date":")" +
                        local.substr(0, 10) + R"(","time":")" + local.substr(11, 5) +
                        R"(","business_id":"514810976554457103","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(moved, "success")) << http::to_json(moved);
  EXPECT_EQ(text(moved, "appointmentId"), "514810976554457505");
  EXPECT_EQ(text(in_cliniko("514810976554457505"), "starts_at"), free.back());
}

TEST_F(Booking, CancelByIdThenAgain) {
  // Liam's appointment is tomorrow, inside the clinic's 24 hours' notice (Cliniko's settings):
  // he hears the policy first, and nothing is cancelled until he accepts it.
  const std::string liam = R"("appointmentId":"514810976554457502","reason":"I'm feeling better",)"
                           R"("callerPhone":"+61 423 456 789","dialedNumber":"0298765432")";
  auto late = call("cancel-appointment", "{" + liam + "}");
  EXPECT_EQ(text(late, "error"), "inside_cancellation_notice") << http::to_json(late);
  EXPECT_TRUE(flag(late, "needsConfirmation"));
  EXPECT_EQ(text(late, "noticeHours"), "24");
  EXPECT_NE(text(late, "message").find("24 hours' notice"), std::string::npos);
  EXPECT_NE(text(late, "message").find("Sean Murphy"), std::string::npos);
  EXPECT_EQ(text(in_cliniko("514810976554457502"), "cancelled_at"), "");
  auto cancelled = call("cancel-appointment", "{" + liam + R"(,"acceptPolicy":true})");
  ASSERT_TRUE(flag(cancelled, "success")) << http::to_json(cancelled);
  EXPECT_TRUE(flag(cancelled, "cancelled"));
  const auto in_sim = in_cliniko("514810976554457502");
  EXPECT_NE(text(in_sim, "cancelled_at"), "");
  EXPECT_EQ(text(in_sim, "cancellation_reason"), "10");
  EXPECT_EQ(text(cancelled, "message").rfind("Your appointment with Sean Murphy", 0), 0u);

  auto again = call("appointment-handler",
                    R"({"action":"cancel","appointmentId":"514810976554457502",)"
                    R"("callerPhone":"+61 423 456 789","dialedNumber":"0298765432"})");
  EXPECT_FALSE(flag(again, "success"));
  EXPECT_EQ(text(again, "error"), "already_cancelled") << http::to_json(again);

  auto past =
      call("cancel-appointment", R"({"appointmentId":"514810976554457510",)"
                                 R"("callerPhone":"+61 423 456 789","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(past, "error"), "in_the_past");
  auto missing =
      call("cancel-appointment", R"({"appointmentId":"999999999999","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(missing, "error"), "appointment_not_found");
}

TEST_F(Booking, AStrangerWithSomeoneElsesIdChangesNothingAndHearsNoName) {
  // Emma calls with Liam's appointment id: asked whose it is, and told nothing of it.
  for (const char* tool : {"cancel-appointment", "appointment-handler"}) {
    auto refused = call(tool, R"({"action":"cancel","appointmentId":"514810976554457502",)"
                              R"("callerPhone":"0412 345 678","dialedNumber":"0298765432"})");
    EXPECT_EQ(text(refused, "error"), "verification_needed") << http::to_json(refused);
    EXPECT_TRUE(flag(refused, "needsClarification"));
    const auto said = http::to_json(refused);
    for (const char* secret : {"Liam", "Walker", "Sean", "Murphy", "CBD"})
      EXPECT_EQ(said.find(secret), std::string::npos) << secret << " in " << said;
  }
  auto moving =
      call("appointment-handler",
           R"({"action":"reschedule","appointmentId":"514810976554457502","date":"tomorrow",)"
           R"("time":"3pm",)"
           R"("callerPhone":"0412 345 678","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(moving, "error"), "verification_needed") << http::to_json(moving);
  // His name is not enough while his date of birth is on record; a wrong one is not either.
  auto named = call(
      "cancel-appointment",
      R"({"appointmentId":"514810976554457502","patientName":"Liam Walker",)"
      R"("dateOfBirth":"1975-09-03","callerPhone":"0412 345 678","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(named, "error"), "verification_needed");
  // By his number, said rather than calling from it: the same.
  auto by_number = call("cancel-appointment",
                        R"({"patientPhone":"+61 423 456 789","callerPhone":"0412 345 678",)"
                        R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(by_number, "error"), "verification_needed") << http::to_json(by_number);
  EXPECT_EQ(text(in_cliniko("514810976554457502"), "cancelled_at"), "");

  // What a receptionist would check: his full name and date of birth.
  auto checked = call("cancel-appointment",
                      R"({"appointmentId":"514810976554457502","patientName":"liam walker",)"
                      R"("dateOfBirth":"1975-09-30","callerPhone":"0412 345 678",)"
                      R"("acceptPolicy":"yes","dialedNumber":"0298765432"})");
  EXPECT_TRUE(flag(checked, "cancelled")) << http::to_json(checked);
  EXPECT_NE(text(in_cliniko("514810976554457502"), "cancelled_at"), "");
}

TEST_F(Booking, CancelByPhoneAndDate) {
  // William Jones has two upcoming; the date picks one.
  const auto when = domain::format_date(domain::calendar_date{
      date::sys_days{domain::local_date(now(), "Australia/Melbourne")} + date::days{9}});
  auto cancelled = call("cancel-appointment",
                        R"({"callerPhone":"0445 678 901","date":")" + when +
                            R"(","reason":"away on holiday","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(cancelled, "success")) << http::to_json(cancelled);
  EXPECT_EQ(text(cancelled, "appointmentId"), "514810976554457512");
  EXPECT_EQ(text(in_cliniko("514810976554457512"), "cancellation_reason"), "40");
  EXPECT_EQ(text(in_cliniko("514810976554457506"), "cancelled_at"), "");
}

TEST_F(Booking, ClinikoRefusingTheWriteLosesNothing) {
  offer_sean("refused");
  auto options = sim::sim_options{};
  options.write_status = 422;
  sim.simulator().set_options(options);
  auto rejected =
      call("appointment-handler", R"({"action":"book","patientName":"Emma Thompson",)"
                                  R"("callerPhone":"0412 345 678","sessionId":"refused",)"
                                  R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(rejected, "error"), "booking_rejected") << http::to_json(rejected);
  EXPECT_EQ(query_value(db.url(), "SELECT state FROM booking_intents ORDER BY id DESC LIMIT 1"),
            "failed");

  options.write_status = 500;
  sim.simulator().set_options(options);
  auto failed = call("appointment-handler",
                     R"({"action":"book","patientName":"Emma Thompson",)"
                     R"("callerPhone":"0412 345 678","sessionId":"refused",)"
                     R"("dialedNumber":"0298765432"})",
                     503);
  EXPECT_EQ(text(failed, "error"), "cliniko_unavailable");
  EXPECT_NE(text(failed, "message").find("hold on"), std::string::npos);
  // A 500 might have hidden a booking: it was looked for, not found, and the intent failed.
  EXPECT_EQ(query_value(db.url(), "SELECT state FROM booking_intents ORDER BY id DESC LIMIT 1"),
            "failed");
}

TEST_F(Booking, AWriteWhoseAnswerIsLostIsFoundAndRecorded) {
  const auto offered = offer_sean("lost");
  auto options = sim::sim_options{};
  options.write_latency = 6s;  // made at once, answered after the call's deadline
  sim.simulator().set_options(options);
  auto booked = call("appointment-handler", R"({"action":"book","patientName":"Emma Thompson",)"
                                            R"("callerPhone":"0412 345 678","sessionId":"lost",)"
                                            R"("dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  EXPECT_EQ(booked_at(sean, offered), 1u);
  EXPECT_EQ(intent_state(text(booked, "appointmentId")), "done");
}

TEST_F(Booking, ConversationInitiationGreetsAKnownCallerByName) {
  auto known =
      call("conversation-initiation", R"({"caller_id":"+61412345678","agent_id":"agent_1",)"
                                      R"("called_number":"+61298765432","call_sid":"CA1"})");
  EXPECT_EQ(text(known, "type"), "conversation_initiation_client_data");
  const auto& vars = part(known, "dynamic_variables");
  EXPECT_EQ(text(vars, "clinic_name"), "Harbour Health");
  EXPECT_EQ(text(vars, "caller_first_name"), "Emma");
  EXPECT_TRUE(flag(vars, "caller_known"));
  EXPECT_EQ(text(vars, "clinic_locations"), "Bondi Junction, Sydney CBD and Richmond");
  EXPECT_EQ(text(vars, "local_date_iso"),
            domain::format_date(domain::local_date(now(), "Australia/Sydney")));
  EXPECT_FALSE(text(vars, "local_time").empty());

  // A family phone: known, but no name guessed.
  auto family = call("conversation-initiation",
                     R"({"caller_id":"0293876543","called_number":"02 9876 5432"})");
  EXPECT_TRUE(flag(part(family, "dynamic_variables"), "caller_known"));
  EXPECT_EQ(text(part(family, "dynamic_variables"), "caller_first_name"), "");

  EXPECT_EQ(text(vars, "caller_status"), "known");

  // A stranger, or a number no clinic answers: every variable is still there.
  auto stranger = call("conversation-initiation",
                       R"({"caller_id":"+61400999888","called_number":"+61298765432"})");
  EXPECT_FALSE(flag(part(stranger, "dynamic_variables"), "caller_known"));
  EXPECT_EQ(text(part(stranger, "dynamic_variables"), "caller_status"), "new");
  auto nowhere = call("conversation-initiation",
                      R"({"caller_id":"+61412345678","called_number":"+61290000000"})");
  EXPECT_EQ(text(part(nowhere, "dynamic_variables"), "clinic_name"), "");
  EXPECT_NE(part(nowhere, "dynamic_variables").find("caller_first_name"), nullptr);

  // No number (a web call, say): the clinic its agent answers for.
  query_value(db.url(), "INSERT INTO clinic_agents (agent_id, clinic_id) VALUES ('agent_7', " +
                            std::to_string(clinic) + ") RETURNING agent_id");
  auto by_agent =
      call("conversation-initiation", R"({"caller_id":"+61412345678","agent_id":"agent_7"})");
  EXPECT_EQ(text(part(by_agent, "dynamic_variables"), "clinic_name"), "Harbour Health");
  EXPECT_EQ(text(part(by_agent, "dynamic_variables"), "caller_first_name"), "Emma");

  // The database gone: the clinic is still known (cached), the caller is not known to be new.
  db_proxy.cut();
  auto unlooked = call("conversation-initiation",
                       R"({"caller_id":"+61412345678","called_number":"+61298765432"})");
  EXPECT_EQ(text(part(unlooked, "dynamic_variables"), "clinic_name"), "Harbour Health");
  EXPECT_EQ(text(part(unlooked, "dynamic_variables"), "caller_status"), "unknown");
  EXPECT_FALSE(flag(part(unlooked, "dynamic_variables"), "caller_known"));
  EXPECT_EQ(text(part(unlooked, "dynamic_variables"), "caller_first_name"), "");
  db_proxy.restore();
}

TEST_F(Booking, CancellingItRightAfterBookingNeedsNoReference) {
  offer_sean("oops");
  auto booked = call("appointment-handler",
                     R"({"action":"book","patientName":"Finn Hale","callerPhone":"0400 222 444",)"
                     R"("sessionId":"oops","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  auto cancelled =
      call("appointment-handler", R"({"action":"cancel","reason":"work","sessionId":"oops",)"
                                  R"("dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(cancelled, "success")) << http::to_json(cancelled);
  EXPECT_EQ(text(cancelled, "appointmentId"), text(booked, "appointmentId"));
  EXPECT_NE(text(in_cliniko(text(booked, "appointmentId")), "cancelled_at"), "");
  // The time it held is free again: the claim was released with the cancellation.
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM booking_intents WHERE appointment_id = '" +
                                      text(booked, "appointmentId") +
                                      "' AND kind = 'book' AND state = 'released'"),
            "1");
}

TEST_F(Booking, BadInputGetsAClearAnswerAndWritesNothing) {
  const auto before = sim_requests();
  auto no_action = call("appointment-handler", R"({"dialedNumber":"0298765432"})");
  EXPECT_EQ(text(no_action, "error"), "missing_field");
  auto odd_action =
      call("appointment-handler", R"({"action":"teleport","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(odd_action, "error"), "missing_field");
  auto no_time =
      call("appointment-handler", R"({"action":"book","practitioner":"Sean","patientName":"A B",)"
                                  R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(no_time, "error"), "missing_field");
  auto bad_time = call("appointment-handler",
                       R"({"action":"book","practitioner":"Sean","date":"tomorrow",)"
                       R"("time":"teatime-ish","patientName":"A B","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(bad_time, "error"), "invalid_time");
  auto bad_date = call("appointment-handler",
                       R"({"action":"book","practitioner":"Sean","date":"someday","time":"9am",)"
                       R"("patientName":"A B","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(bad_date, "error"), "invalid_date");
  auto bad_phone = call("appointment-handler",
                        R"({"action":"book","practitioner":"Sean","date":"tomorrow","time":"9am",)"
                        R"("patientName":"A B","patientPhone":"call me maybe",)"
                        R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(bad_phone, "error"), "invalid_field");
  // Sean's follow-up, at a location and on a day.
  const auto sean_at = [this](const std::string& location, const std::string& day) {
    return call("appointment-handler",
                R"({"action":"book","practitioner":"Sean","appointmentType":"follow-up",)"
                R"("business_id":")" +
                    location + R"(","date":")" + day +
                    R"(","time":"9am","patientName":"A B","dialedNumber":"0298765432"})");
  };
  EXPECT_EQ(text(sean_at(city, "2020-01-06"), "error"), "invalid_date");  // past
  EXPECT_EQ(text(sean_at(bondi, "tomorrow"), "error"), "not_at_location");
  auto legacy =
      call("appointment-handler",
           R"({"action":"book","location_id":")" + city + R"(","dialedNumber":"0298765432"})", 400);
  EXPECT_NE(text(legacy, "message").find("business_id"), std::string::npos);
  auto no_reference = call("cancel-appointment", R"({"dialedNumber":"0298765432"})");
  EXPECT_EQ(text(no_reference, "error"), "missing_field");
  EXPECT_EQ(sim_requests(), before);  // none of it reached Cliniko
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM booking_intents"), "0");
}
