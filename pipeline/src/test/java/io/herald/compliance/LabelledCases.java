package io.herald.compliance;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-labelled posts of the kinds the gate meets, written for these tests (not taken from the
 * development corpus). One case a line: {@code EXPECTED | body}, where EXPECTED is the decision,
 * optionally followed by rule ids that must be among the findings ({@code BLOCK phi.name}).
 * Lines starting with {@code #} are comments.
 */
public final class LabelledCases {

    private LabelledCases() {}

    public record Case(int line, Decision expected, List<String> rules, String body) {
        @Override
        public String toString() {
            return "line " + line + " " + expected + " " + (body.length() > 70 ? body.substring(0, 67) + "..." : body);
        }
    }

    public static final String PHI = """
            # ---- names of patients and relatives
            BLOCK phi.name | So proud of our patient Maria Gonzalez, who walked out of rehab on her own two feet today!
            BLOCK phi.name | Get well soon, Tommy! Our whole pediatric team is rooting for you after your appendix surgery.
            BLOCK phi.name | Mrs. Henderson brought us cookies after her knee replacement. Thank you!
            BLOCK phi.name | Shoutout to Mr. Delgado for finishing his last round of chemo this morning!
            BLOCK phi.name | Congrats to Emily Tran for ringing the bell after her final radiation treatment!
            BLOCK phi.name | Emily, we are so proud of you for finishing chemo!
            BLOCK phi.name | Thank you, Mrs. Robinson, for trusting us with your hip replacement.
            BLOCK phi.name | Little Ava Chen was discharged from the NICU after 63 days. Go home and grow, Ava!
            BLOCK phi.name | Ms. Patel's biopsy came back benign!
            BLOCK phi.name | Our patient Kevin O'Brien was admitted with pneumonia and is doing much better.
            BLOCK phi.name | Her son Marcus drove her to every dialysis appointment. What a guy.
            BLOCK phi.name | Remembering our longtime patient Harold, who passed away peacefully last week.
            BLOCK phi.name | Big hugs to Grandma Betty, who just got her new pacemaker!
            BLOCK phi.name | Photo: our patient Diego after his first steps post-surgery.
            BLOCK phi.name | Dr. Lee's patient, Sam Whitaker, was airlifted to County General after the crash.
            BLOCK phi.name | Thanks to our patient Linh for letting us share her story of beating breast cancer.
            BLOCK phi.name | We're praying for little Mateo as he heads into heart surgery tomorrow.
            BLOCK phi.name | Our NICU graduate Sophia turned one today! Look at her now.
            BLOCK phi.name | Jordan Smith, 34, of Springfield, was treated and released after the fall.
            BLOCK phi.name | We miss you, Mr. Thompson. Rest in peace.
            BLOCK phi.name | Sending prayers to the family of Gerald Watkins, who passed away in our hospice on Sunday.
            BLOCK phi.name | Welcome to the world, baby Noah! 7 lbs 2 oz of pure joy.
            BLOCK phi.name | Meet Baby Liam, our 1000th delivery this year!
            BLOCK phi.name | Patient Rebecca Stone asked us to share her recovery story after her stroke.
            BLOCK phi.name | Way to go, Brandon! Six weeks of physical therapy and you're back on the field.
            BLOCK phi.name | Mr. and Mrs. Yamamoto celebrated their 60th anniversary in our cardiac unit today.
            BLOCK phi.name | Happy birthday to our favorite dialysis patient, Dorothy!
            BLOCK phi.name | Harold Bennett came in for his flu shot and brought the whole waiting room donuts.
            BLOCK phi.name | Our patient named Keisha just finished her last round of chemotherapy!
            BLOCK phi.name | Baby Isabella Rossi arrived at 4:12am weighing 8 lbs. Congratulations to the family!
            # ---- dates, ages
            BLOCK phi.date | Patient DOB: 03/14/1952. Please confirm insurance before Tuesday.
            BLOCK phi.date | Our patient born on July 4, 1948 celebrated with the nursing staff today.
            BLOCK phi.date | DOB 1/5/88, presenting with chest pain. Interesting case for our residents.
            BLOCK phi.date | She was admitted on 2026-03-02 and went home yesterday after a long fight with sepsis.
            BLOCK phi.date | Our youngest preemie, delivered at 24 weeks on March 3, is finally off oxygen.
            BLOCK phi.date | The patient passed away on 12/24/2025 surrounded by family.
            BLOCK phi.date | His surgery on 6/14 went perfectly and he is already walking the halls.
            BLOCK phi.age | At 94 years old, our patient still walks to every appointment.
            BLOCK phi.age | A 96-year-old patient of ours just finished physical therapy.
            BLOCK phi.age | Our patient turns 92 tomorrow and just beat pneumonia!
            BLOCK phi.age | Happy 101st birthday to one of our longest-standing patients!
            BLOCK phi.age | This 93 y/o gentleman came in for his annual physical and aced it.
            BLOCK phi.age | Meet our centenarian patient, still gardening every single day.
            # ---- phones, emails, numbers
            BLOCK phi.phone | Call Jane at 555-867-5309 to confirm her colonoscopy prep.
            BLOCK phi.phone | Her cell is (555) 212-4477 if the pharmacy needs to reach her about the refill.
            BLOCK phi.phone | Can someone fax the discharge summary to 555-441-2200 for the patient in bed 3?
            BLOCK phi.phone | Patient's wife called from 555-903-1144 asking about his surgery date.
            BLOCK phi.phone | Please call the patient's daughter at 555.220.1919 about discharge.
            BLOCK phi.email | Email the X-ray results to dwayne.patterson@gmail.com.
            BLOCK phi.email | Contact her at jlopez88@yahoo.com about the insurance form.
            BLOCK phi.email | The patient asked us to send the care plan to mike_r@comcast.net instead.
            BLOCK phi.ssn | SSN 123-45-6789 was attached to the wrong claim.
            BLOCK phi.ssn | Social security number 078051120 was written on the intake form.
            BLOCK phi.ssn | Please verify the last 4 of her SSN: 4821 before we release records.
            BLOCK phi.record-number | MRN: 00458812. Labs came back normal, call him with the results.
            BLOCK phi.record-number | Medical record #A99812 was scanned into the wrong chart again.
            BLOCK phi.record-number | Policy number HMO-4471982 was rejected for his MRI.
            BLOCK phi.record-number | Medicaid ID 99887766A needs to be updated for this patient.
            BLOCK phi.record-number | Account #88127734 is past due; the patient says she never got the bill.
            BLOCK phi.record-number | His driver's license number D1234567 was left at the front desk.
            BLOCK phi.record-number | Claim number 2026-448812 for her ER visit was denied twice.
            BLOCK phi.record-number | Results for accession number 26-XR-44812 are ready; please notify the patient.
            BLOCK phi.record-number | Member #: 0093-5521-77, please verify coverage for this patient.
            BLOCK phi.vehicle-device | Insulin pump serial number SN-4482-XQ malfunctioned for one of our patients.
            BLOCK phi.vehicle-device | The patient's VIN 1HGCM82633A004352 was on the accident report.
            BLOCK phi.vehicle-device | License plate 7ABC123 was seen leaving after the patient's fall in our lot.
            BLOCK phi.vehicle-device | IMEI 356938035643809 on the patient's phone was logged by security.
            BLOCK phi.identifier | Patient #4412 is ready for discharge.
            BLOCK phi.ip | Logins from 192.168.14.22 accessed the patient portal account.
            BLOCK phi.url | Check out our patient's GoFundMe: https://www.gofundme.com/f/help-jake-beat-leukemia
            BLOCK phi.url | Follow our brave little patient's journey on Instagram: https://instagram.com/jakes_journey
            # ---- places
            BLOCK phi.address | Our patient at 1423 Maple Avenue needs a home visit for wound care.
            BLOCK phi.address | Delivered a home oxygen tank to 77 Elm Street, Apt 4B, for a COPD patient this morning.
            BLOCK phi.address | The patient in bed 12 of the ICU finally got extubated!
            BLOCK phi.address | Room 214 has a patient with measles, so please mask up.
            BLOCK phi.address | His home at 35 Cedar Lane was where he wanted to spend his final days.
            BLOCK phi.address | The patient from Riverside who had the farming accident last week is walking again.
            # ---- combinations
            BLOCK phi.combination | The mayor's wife was rushed to our ER after a car crash on Highway 12 last night.
            BLOCK phi.combination | The quarterback from Central High came in with a concussion after Friday's game.
            BLOCK phi.combination | Ambulance brought a 19-year-old man from the I-95 pileup this morning; he's in surgery.
            BLOCK phi.combination | The firefighter injured in yesterday's warehouse fire is recovering in our burn unit.
            BLOCK phi.combination | Our patient, a teacher at Lincoln Elementary, was diagnosed with TB this week.
            BLOCK phi.combination | A pedestrian hit on Oak Street this morning is in stable condition in our trauma unit.
            BLOCK | Picking up the pieces after the Elm Street apartment fire: we treated a mother and her two kids for smoke inhalation last night.
                        # ---- second batch, written before the rules were tuned on it
            BLOCK | Congratulations to Jerome Washington on finishing his last physical therapy session with us! You crushed it, Jerome.
            BLOCK | Sending strength to our patient Angela, who starts her second round of chemo on Monday.
            BLOCK | Huge shoutout to Mrs. Delacroix, who walked 50 feet today after her stroke.
            BLOCK | Welcome to the world, Henry James Walsh! Born 10/14/2026 at 8:02pm in our maternity ward.
            BLOCK | Patient DOB 4/22/1971 presented with chest pain; troponin was negative.
            BLOCK | MRN 9931175 has a follow-up scheduled, but she hasn't confirmed.
            BLOCK | Ms. Ruiz, your biopsy results are ready. Please call the office at 555-203-8811.
            BLOCK | A patient living at 42 Willow Court, Brookfield, needs a wheelchair ramp assessment.
            BLOCK | Baby girl Sofia Nguyen-Park arrived 11/20/2026 weighing 6 lbs 4 oz.
            BLOCK | Insurance ID BCX992211873 was declined for his sleep study.
            BLOCK | Thinking of my patient Raymond, the high school band director, as he recovers from bypass surgery.
            BLOCK | Please send the lab report to tina.morales77@gmail.com for her records.
            BLOCK | The patient in Room 12B with the burn injuries from Saturday's house fire is improving.
            BLOCK | Mr. Abernathy passed away on 9/3/2026 after a long battle with COPD.
            BLOCK | Her social security number, 219-09-9999, was faxed to the wrong office.
            BLOCK | The school principal's daughter came into our ER last night after a car accident on Route 30.
            BLOCK | Pacemaker serial number 44-BX-77120 for Mr. Lindqvist was recalled.
            BLOCK | Happy 97th birthday to our patient Eleanor! She still beats us all at cards.
            BLOCK | Our patient Michael Torres was discharged today after 45 days in the ICU.
            BLOCK | Get well soon, little Aiden! Our pediatric team loved meeting you after your tonsil surgery.
            BLOCK | Grateful for patients like Doris Kim, who brought homemade soup to our staff after her knee surgery.
            BLOCK | Patient admitted 07/15/2026 with sepsis is finally heading home.
            BLOCK | Fax the referral for Mrs. Gallagher to 555-776-1200 today.
            BLOCK | Her account number 55102983 shows an unpaid balance from the ER visit.
            BLOCK | Our patient's Facebook page https://www.facebook.com/markus.lee.recovery shares his journey after the transplant.
            BLOCK | A 92-year-old patient was treated for a hip fracture in our urgent care this morning.
            BLOCK | Medicare number 1EG4-TE5-MK73 was entered incorrectly for this patient.
            BLOCK | Reminder to staff: patient Jessica Park in bed 7 is allergic to penicillin.
            BLOCK | The city council member who fell at the parade Saturday is recovering in our ortho unit.
            BLOCK | Our longtime patient Walter, 93, finally got his cataract surgery!
            # ---- third batch, written before the rules were tuned on it
            BLOCK | Prayers for the Hernandez family as little Isabella fights leukemia in the children's hospital.
            BLOCK | Our patient Tom, a retired firefighter, rang the bell today after 6 months of chemo!
            BLOCK | Welcome back, Mr. Chen! Glad to see you up and walking after your hip replacement.
            BLOCK | Call the patient's husband at 555-430-2219 to update him after surgery.
            BLOCK | Her date of birth is 12/05/1958 and she is allergic to sulfa drugs.
            BLOCK | She just turned 100 and still comes in for her checkups on her own!
            BLOCK | Emergency contact for the patient in bed 4: daughter, (555) 618-0093.
            BLOCK | Patient #77812 needs a wheelchair at discharge.
            BLOCK | Please update the chart for Anthony Russo, DOB 2/2/1980.
            BLOCK | Celebrating Ruth Goldberg, our oldest patient, who turns 104 this week!
            BLOCK | Thank you Marisol and Kevin for trusting us with the birth of baby Luna on Tuesday!
            BLOCK | Happy 1st birthday to our NICU graduate, Charlotte! Born at just 26 weeks, look at her now.
            BLOCK | Delivered 3 lbs 2 oz baby twins to the Martins this morning. Mom and babies are doing great!
            BLOCK | Her MRN is 00-448-912; please scan it into the new system.
            BLOCK | His email is captain.jack.harris@hotmail.com if you need to reach him about the results.
            BLOCK | The patient on the 4th floor, a local TV news anchor, is recovering from emergency surgery.
            BLOCK | Thanks for the kind words, Gloria! We're so glad your knee surgery went well.
            BLOCK | Our patient from Millbrook who was in the tractor accident last week went home today.
            # ---- fourth batch, written before the rules were tuned on it
            BLOCK | Sending hugs to Priscilla, who had her gallbladder removed yesterday. Rest up!
            BLOCK | Shout out to our patient Omar for losing 60 pounds this year!
            BLOCK | Patient: Darnell Jackson. Allergies: none. Follow-up in 2 weeks.
            BLOCK | Mrs. Okonkwo's blood sugar is finally under control. So proud of her!
            BLOCK | DOB: 08-19-1949. Needs refill of lisinopril.
            BLOCK | Can you believe Mr. Feldman is 96 and still skis every winter?
            BLOCK | Her phone number is 555-387-4410; she wants a call back about her MRI.
            BLOCK | Patient's address: 1200 Sycamore Blvd, Apt 3.
            BLOCK | Our patient Grace Liu completed her last dialysis session before her kidney transplant.
            BLOCK | Heartfelt thanks to the Petrovic family for the flowers after Ivan's surgery.
            BLOCK | Please pull the chart for John Smith, born 3/3/1963.
            BLOCK | The driver from the Main Street crash this afternoon is in surgery now.
            BLOCK | Congrats on your first steps after surgery, Isaiah!
            BLOCK | Patient ID 4481-22-A was admitted for observation.
            BLOCK | Our patient, whose license plate is 5XYZ842, left his lights on in the lot.
""";

    public static final String CONDUCT_AND_CLAIMS = """
            HOLD conduct.disparaging | Ugh, another patient who thinks WebMD is a medical degree 🙄
            HOLD conduct.disparaging | People who skip their flu shot are idiots. Period.
            HOLD conduct.profanity | This damn flu season is brutal. Get your shot.
            HOLD conduct.profanity | Holy sh*t, the waiting room is packed today.
            HOLD conduct.shouting | WHAT ARE YOU WAITING FOR? GET VACCINATED NOW!
            HOLD claims.cure | Our new supplement cures anxiety naturally. Order today!
            HOLD claims.guarantee | Guaranteed weight loss in 30 days with our medical program!
            HOLD claims.no-risk | Botox with zero risk and instant results!
            HOLD claims.miracle | This miracle cream erases wrinkles overnight.
            HOLD claims.fda | Our IV vitamin drips are FDA approved to boost immunity.
            HOLD claims.misinformation | Vaccines cause autism. Do your research.
            HOLD claims.misinformation | Essential oils cure cancer. Big pharma doesn't want you to know.
            HOLD claims.misinformation | Ivermectin is the best treatment for COVID.
            HOLD claims.misinformation | Antibiotics will knock out your cold fast.
            HOLD claims.misinformation | The flu shot gives you the flu, so skip it.
            HOLD claims.misinformation | Masks cause CO2 poisoning in kids.
            HOLD conduct.disparaging | Lazy parents who don't vaccinate are the problem.
            HOLD claims.guarantee | Laser hair removal: painless, permanent, and 100% effective!
            HOLD claims.misinformation | Try our detox foot pads to pull toxins out overnight.
            HOLD disclosure.testimonial | “Dr. Patel fixed my back in one visit!” – a happy patient
            HOLD disclosure.testimonial | Read what our patients are saying: 'Best dentist ever!' ⭐⭐⭐⭐⭐
            HOLD disclosure.sponsored | Use my code HEALTHY20 for 20% off these vitamins I love!
            HOLD disclosure.sponsored | We partnered with GlowSkin to bring you 15% off their new sunscreen line! Shop the link.
            HOLD conduct.disparaging | Stop being so dramatic about a flu shot, people. It's a tiny needle.
            HOLD claims.misinformation | Chemo is poison. There are natural alternatives.
            HOLD claims.misinformation | Our chiropractors can fix your child's asthma with gentle adjustments.
            HOLD claims.no-risk | No side effects, no downtime, just results!
            HOLD claims.guarantee | This new injection melts fat permanently. Book now!
            HOLD claims.fda | FDA-certified clinic with the best doctors in town!
            HOLD claims.fda | Our herbal tea is FDA approved and totally safe for kids.
            HOLD conduct.disparaging | Some of our patients are complete morons about their diabetes.
            HOLD conduct.disparaging | LOL this guy came in convinced his cold was Ebola 😂
            HOLD claims.misinformation | Homeopathy prevents the flu better than any vaccine.
            HOLD disclosure.testimonial | Our testimonials speak for themselves: "I lost 40 pounds in 2 months!"
            HOLD claims.cure | Acupuncture can cure infertility. Book your session!
            HOLD claims.misinformation | Vaccines alter your DNA. Don't let them inject your kids.
            HOLD conduct.disparaging | Drug seekers, don't bother coming to our urgent care.
            HOLD claims.miracle | This product is a miracle for joint pain and works every time!
            HOLD conduct.disparaging | Stop googling and listen to your doctor, you idiots!!!
            HOLD claims.misinformation | Flu shots are a scam. Natural immunity is better.
            HOLD claims.cure | Our stem cell therapy reverses arthritis, FDA approved!
            HOLD claims.misinformation | Fluoride in tap water is a neurotoxin that lowers your kid's IQ.
            HOLD claims.misinformation | Antibiotics are the answer for every cold and flu this season!
            HOLD conduct.profanity | F*** the flu. Get your shot.
            HOLD claims.misinformation | HPV vaccine causes infertility in young women.
            HOLD claims.misinformation | Cancer is a fungus and baking soda kills it.
            HOLD claims.misinformation | Sugar feeds cancer, so our keto plan starves tumors.
            HOLD disclosure.sponsored | Thanks to NutriLife for sending us these protein shakes! Link in bio to grab yours.
            HOLD conduct.disparaging | This patient literally asked if the vaccine has a microchip. I can't even. 🤦
            HOLD conduct.disparaging | You people never listen. Take your meds!
            HOLD claims.guarantee | Our med spa offers risk-free fillers with guaranteed results.
            HOLD claims.misinformation | COVID is just a cold, don't bother with boosters.
            HOLD claims.misinformation | Vitamin C cures COVID and the common cold.
            HOLD conduct.profanity | Flu season is kicking our ass this year. Wash your hands, folks.
            HOLD conduct.shouting | PLEASE STOP COMING TO THE ER FOR A COLD!!!
            HOLD claims.cure | We cure back pain in three visits or your money back.
            HOLD claims.misinformation | Skip the vaccine and build natural immunity instead.
            HOLD claims.no-risk | Our weight loss shots are completely safe with no side effects.
            HOLD conduct.disparaging | Half the people in our waiting room today were hypochondriacs.
            HOLD claims.misinformation | 5G towers spread COVID. Protect your family.
                        # ---- second batch, written before the rules were tuned on it
            HOLD | Stop listening to your idiot neighbor and get your kids vaccinated!!!
            HOLD | This crap weather is making everyone sick. Wash your hands.
            HOLD | Our hormone therapy guarantees you'll feel 20 years younger.
            HOLD | Natural remedies cure diabetes without medication. Ask us how!
            HOLD | These ridiculous patients keep showing up late and expecting to be seen.
            HOLD | NO APPOINTMENT? NO PROBLEM! WALK IN TODAY!!!
            HOLD | Our clinic's new laser is FDA-approved to cure migraines forever.
            HOLD | Vaccines are more dangerous than the diseases they prevent.
            HOLD | Ivermectin works for COVID. Ask your doctor.
            HOLD | Colloidal silver kills viruses, including the flu.
            HOLD | Miracle weight loss shots: drop 30 pounds in a month!
            HOLD | Zero side effects with our all-natural hormone pellets.
            BLOCK phi.name disclosure.testimonial | "I feel like a new person after my treatment here!" - Sandra
            HOLD | Use my discount code VALLEY15 to save on these amazing supplements!
            HOLD | Our chiropractor cures colic in babies in just one session.
            HOLD | Some moms are so clueless about car seats it's scary.
            HOLD | Antibiotics help you get over the flu faster. Come in for a prescription.
            HOLD | Our IV hydration therapy is 100% safe and guaranteed to boost your immune system.
            HOLD | Wtf is wrong with people who don't wear masks in a clinic?
            HOLD | Essential oils treat ear infections better than antibiotics.
            # ---- third batch, written before the rules were tuned on it
            HOLD | Our supplements cure arthritis in 30 days or your money back.
            HOLD | These anti-vax idiots are why measles is back.
            HOLD | Chemotherapy kills more people than cancer does.
            HOLD | Get rid of belly fat forever with our fat-freezing treatment!
            HOLD | 100% safe, 100% natural, 100% effective!
            HOLD | Vaccines weaken your immune system. Let kids build natural immunity.
            HOLD | SERIOUSLY PEOPLE, STOP ASKING FOR ANTIBIOTICS FOR A COLD!!!
            HOLD | What the hell is wrong with people who don't wash their hands?
            HOLD | Baking soda cures cancer. Share this before it gets deleted!
            HOLD | Our Botox is FDA certified and risk-free.
            HOLD | "Best doctor ever! I haven't been sick since." ⭐⭐⭐⭐⭐ Book now!
            HOLD | Another drug seeker faking back pain today. Not in our clinic.
            HOLD | Garlic prevents COVID better than the vaccine.
            HOLD | The flu vaccine causes the flu. Skip it this year.
            HOLD | Thanks to SmileBright for the free whitening kits! Use my code VALLEY20 for 20% off.
            # ---- fourth batch, written before the rules were tuned on it
            HOLD | Our clinic's stem cell injections cure knee arthritis without surgery.
            HOLD | Seriously, some patients are just too stupid to follow instructions.
            HOLD | This tea is a miracle cure for migraines!
            HOLD | Our acupuncture is guaranteed to help you quit smoking.
            HOLD | Holy crap, the ER was slammed tonight.
            HOLD | Raw milk cures allergies and asthma.
            HOLD | Coffee enemas detox your liver and cure cancer.
            HOLD | DON'T COME TO THE ER FOR A COLD. WE ARE NOT KIDDING.
            HOLD | Fluoride is poison. Ask us about fluoride-free dental care.
            HOLD | Vaccines contain microchips to track you.
""";

    public static final String CLEAN = """
            # ---- staff, titles, credentials
            PUBLISH | Dr. Smith will be out of the office next week; Dr. Nguyen is covering her patients.
            PUBLISH | Meet Dr. Priya Raman, our newest pediatrician, who joins us from Boston Children's.
            PUBLISH | Welcome our new nurse practitioner, Maria Lopez, FNP-C!
            PUBLISH | Nurse Kim will lead our free diabetes education class on Tuesday.
            PUBLISH | Thank you to Jasmine Cole for 12 years at our front desk!
            PUBLISH | Dr. Blake explains why you shouldn't skip your colonoscopy.
            PUBLISH | Congratulations to Dr. Shah on being named Physician of the Year!
            PUBLISH | Jasmine from our front desk says: don't forget your insurance card!
            PUBLISH | Our pharmacist Linda can answer questions about your prescriptions.
            PUBLISH | Ask for Maria at the front desk to update your insurance.
            PUBLISH | Happy birthday to our amazing office manager, Tina!
            PUBLISH | Meet Mark, our new physical therapist!
            PUBLISH | Nurse Practitioner Amy Chen is now accepting new patients.
            PUBLISH | Welcome to the team, Dr. Okafor!
            PUBLISH | Ask Dr. Blake: is intermittent fasting safe?
            PUBLISH | Dr. Nguyen and her team ran the Boston Marathon for charity!
            PUBLISH | Sarah Johnson, RD, will teach our healthy cooking class on Thursday.
            PUBLISH | Please welcome Kevin Brooks, PA-C, to our urgent care team.
            PUBLISH | Our lab manager Diane Fox retires this month after 30 years. We'll miss you, Diane!
            PUBLISH | Meet our new billing coordinator, Rosa Alvarez, who speaks English and Spanish.
            PUBLISH | Dr. Aaron Blake, DO, is now seeing patients at our Pine Avenue office.
            PUBLISH | Meet Nguyen, our new medical assistant, at the front desk this week.
            # ---- practice details
            PUBLISH | Our office at 900 Lake Shore Drive will be closed Monday for Memorial Day.
            PUBLISH | Call us at 555-010-3000 to schedule your annual physical.
            PUBLISH | Questions? Email appointments@valleyhealth.example or call 555-010-3000.
            PUBLISH | Our new address starting June 1: 250 Main Street, Suite 200.
            PUBLISH | The Valley Health 5K is this Saturday! Register at valleyhealth.example/5k.
            PUBLISH | Read our blog: https://valleyhealth.example/blog/heart-health
            PUBLISH | Follow us on Instagram: https://instagram.com/valleyhealth
            PUBLISH | Our Oak Street clinic now offers evening hours on Thursdays.
            PUBLISH | Our new Pine Avenue location opens May 5!
            PUBLISH | Join us for a free health fair at 120 Elm Street on Saturday, 10am to 2pm.
            PUBLISH | Our flu clinic in Room 120 of the Oak Street building runs all week.
            PUBLISH | Happy 4th of July! Our offices are closed today; call 555-010-3000 for the on-call doctor.
            PUBLISH | Billing questions? Write to billing@valleyhealth.example and we'll reply within a day.
            PUBLISH | Prefer to text? Send us a message at 555-010-3000 and our team will get back to you.
            # ---- dates, ages, years, hours
            PUBLISH | Flu season starts in October, so book your shot early!
            PUBLISH | We've been serving the Valley since March 1998.
            PUBLISH | Open Monday to Friday, 8am to 6pm, and Saturdays 9am to noon.
            PUBLISH | Patients over 65 should ask about the high-dose flu vaccine.
            PUBLISH | Adults 90 and older need extra care in heat waves. Check on your neighbors!
            PUBLISH | Our clinic will be closed on Thanksgiving Day, November 26.
            PUBLISH | Babies born before 37 weeks are considered premature.
            PUBLISH | Kids born after January 1, 2020 need two doses of the vaccine before kindergarten.
            PUBLISH | Schedule your child's back-to-school checkup before August 15.
            PUBLISH | We're open Memorial Day from 9 to 1 for urgent care.
            PUBLISH | Medicare open enrollment runs October 15 to December 7.
            PUBLISH | This March, get screened for colon cancer. It could save your life.
            PUBLISH | Patients 18 and older can now book online through MyChart.
            PUBLISH | Celebrating 25 years of caring for Springfield families!
            PUBLISH | In 2026 we gave over 4,000 flu shots. Thank you, Springfield!
            PUBLISH | People aged 90 or older are at the highest risk from heat. Check on them daily.
            # ---- eponyms, drugs, names that are not people
            PUBLISH | Parkinson's disease affects movement. Our neurology team can help.
            PUBLISH | Alzheimer's Awareness Month: learn the early signs of memory loss.
            PUBLISH | World Down Syndrome Day is March 21. We celebrate every family we serve!
            PUBLISH | Crohn's disease and ulcerative colitis are types of IBD.
            PUBLISH | Ask your pharmacist about Tylenol vs. Advil for fevers in kids.
            PUBLISH | Ozempic and Wegovy shortages: what our patients should know.
            PUBLISH | Lou Gehrig's disease (ALS) affects nerve cells in the brain and spinal cord.
            PUBLISH | Hodgkin lymphoma is one of the most treatable cancers.
            PUBLISH | Bell's palsy usually gets better on its own within weeks.
            PUBLISH | Tommy John surgery repairs a torn elbow ligament in athletes.
            PUBLISH | Martin Luther King Jr. Day: our offices are closed Monday.
            PUBLISH | Florence Nightingale founded modern nursing. Happy International Nurses Day!
            PUBLISH | We accept Medicare, Medicaid, Aetna, and Blue Cross Blue Shield.
            PUBLISH | Grace Church is hosting our mobile clinic on Sunday.
            PUBLISH | Hope Lodge offers free lodging for cancer patients in treatment.
            PUBLISH | Happy Mother's Day to all the moms in our community!
            PUBLISH | Lyme disease season is here: check for ticks after hikes.
            PUBLISH | The Heimlich maneuver can save a choking child. Learn how at our CPR class.
            PUBLISH | Hashimoto's thyroiditis is more common in women. Ask about a simple blood test.
            PUBLISH | Ask us whether Shingrix or Prevnar is right for you.
            # ---- patients without identifiers, general education
            PUBLISH | A patient asked me whether flu shots can give you the flu. They can't: the vaccine has no live virus.
            PUBLISH | Most adults need 7 to 9 hours of sleep.
            PUBLISH | Wear sunscreen with SPF 30 or higher, even on cloudy days.
            PUBLISH | Measles is highly contagious. Two doses of MMR are 97% effective.
            PUBLISH | There is no cure for the common cold, but rest and fluids help.
            PUBLISH | No vaccine is 100% effective, but the flu shot lowers your risk of serious illness.
            PUBLISH | Antibiotics don't work on viruses like colds and flu.
            PUBLISH | Myth: vaccines cause autism. Fact: dozens of studies show they don't.
            PUBLISH | Side effects of the shingles vaccine are usually mild, like a sore arm.
            PUBLISH | Did you know? Heart disease is the leading cause of death in the US.
            PUBLISH | Get your flu shot today. It takes 5 minutes!
            PUBLISH | Heat wave alert: drink water, stay indoors, and check on elderly neighbors.
            PUBLISH | Our lab is open 7am to 3pm for blood draws; no appointment needed.
            PUBLISH | Thinking about quitting vaping? Our counselors can help.
            PUBLISH | New parents: join our breastfeeding support group every Wednesday.
            PUBLISH | Don't wait until symptoms get worse. Early treatment matters.
            PUBLISH | Get the facts about RSV: who is at risk and how to protect babies.
            PUBLISH | Our doctors are board-certified in family medicine and pediatrics.
            PUBLISH | Sprains vs. fractures: when to come to urgent care.
            PUBLISH | Flu shots are safe for most people, including pregnant women.
            PUBLISH | Vaccines are one of the safest, most effective tools in medicine.
            PUBLISH | Our team treated 120 patients at last weekend's community health fair.
            PUBLISH | Slow down on icy roads this weekend. Our ER sees more fractures after every storm.
            PUBLISH | Is it a cold or allergies? Here's how to tell the difference.
            PUBLISH | Thanks to the Rotary Club for sponsoring our free vision screenings!
            PUBLISH | In partnership with the County Health Department, we're offering free COVID boosters.
            PUBLISH | Remember: there's no such thing as a stupid question. Ask us anything!
            PUBLISH | Walk-ins welcome! No appointment necessary for COVID testing.
            PUBLISH | Protect your family: get vaccinated against measles before traveling.
            PUBLISH | Feeling down? Depression is treatable. Talk to your doctor.
            PUBLISH | Remember to wash your hands, cover your cough, and stay home when sick.
            PUBLISH | Our pediatric team recommends the AAP guidelines on screen time.
            PUBLISH | Family Medicine Clinic Hours Change Starting Next Week
            PUBLISH | Annual Health Fair With Free Screenings And Flu Shots
            PUBLISH | New study: walking 30 minutes a day lowers heart disease risk.
            PUBLISH | Our midwife team delivered 300 babies this year. Thank you, families!
            PUBLISH | Struggling? Call or text 988 for the Suicide & Crisis Lifeline.
            PUBLISH | Quitting smoking? Call 1-800-QUIT-NOW for free help.
            PUBLISH | Poison Control: 1-800-222-1222, available 24/7.
            PUBLISH | Visit https://www.cdc.gov/flu for more information.
            PUBLISH | Our phone lines will be down Tuesday from 2 to 4pm. For emergencies, call 911.
            PUBLISH | Every patient deserves respect. That's why we listen first.
            PUBLISH | Patients often ask if they can exercise with a cold. Light activity is usually fine.
            PUBLISH | Hepatitis C can be cured with a short course of pills. Ask us about testing.
            PUBLISH | Cured meats like bacon and ham are linked to a higher risk of colon cancer.
            PUBLISH | Researchers are working toward a cure for type 1 diabetes. Join our walk to support them!
            PUBLISH | There is no magic pill for weight loss, but small daily changes add up.
            PUBLISH | The flu vaccine cannot give you the flu.
            PUBLISH | FDA-approved RSV vaccines are now available for adults 60 and older.
            PUBLISH | These statements have not been evaluated by the FDA. Talk to your doctor before starting supplements.
            PUBLISH | Most people have no side effects from the flu shot; some get a sore arm.
            PUBLISH | Our staff got their flu shots today. Have you?
            PUBLISH | Thank you to everyone who came to our blood drive on Saturday!
            PUBLISH | This month we celebrate our nurses. We could not do it without you!
            PUBLISH | Colorectal cancer screening now starts at age 45. Talk to us about your options.
            PUBLISH | Our team is proud to support the Springfield Marathon medical tent on Sunday.
            PUBLISH | Kids and teens need about 60 minutes of activity a day. Make it fun!
            PUBLISH | Drink plenty of water during the heat advisory. Call us if you feel dizzy or faint.
            PUBLISH | Feeling anxious? You are not alone, and help is available. Reach out to our behavioral health team.
            PUBLISH | We now offer telehealth visits for follow-up appointments.
            PUBLISH | Allergy season is here. Pollen counts peak in the morning.
            PUBLISH | Our Valley Health team wishes you a happy and healthy new year!
            PUBLISH | Congratulations to our nursing staff on earning Magnet recognition!
            PUBLISH | Meet the team behind our new diabetes program at valleyhealth.example/diabetes.
            PUBLISH | Ask your doctor whether a statin is right for you.
            PUBLISH | Back pain? Our physical therapists can help you move better.
                        # ---- second batch, written before the rules were tuned on it
            PUBLISH | Meet Dr. Elena Vasquez, our new OB-GYN, who joins us this fall.
            PUBLISH | Dr. Nguyen will host a free Q&A on managing diabetes at the Oak Street clinic.
            PUBLISH | Our billing office can be reached at 555-010-3000, Monday through Friday.
            PUBLISH | Email info@valleyhealth.example with questions about your bill.
            PUBLISH | Flu vaccines are available starting September 15 at all locations.
            PUBLISH | We're closed on New Year's Day. Happy holidays from all of us!
            PUBLISH | Adults 65 and older should get the pneumococcal vaccine. Ask us at your next visit.
            PUBLISH | People with Alzheimer's and their caregivers can join our support group on Tuesdays.
            PUBLISH | Down syndrome awareness starts with inclusion. Learn more at our community night.
            PUBLISH | Parkinson's patients may benefit from our new physical therapy program.
            PUBLISH | Tylenol and ibuprofen can both reduce fever. Follow the dosing instructions on the label.
            PUBLISH | Since March, our Pine Avenue office has offered same-day sick visits.
            PUBLISH | Open Monday to Saturday, 7am to 7pm. Walk-ins always welcome.
            PUBLISH | A patient asked me if cold weather causes colds. It doesn't: viruses do.
            PUBLISH | Cold and flu season usually peaks between December and February.
            PUBLISH | Jasmine Cole at our front desk can help you update your insurance information.
            PUBLISH | Dr. Shah is now accepting new patients at our Pine Avenue office.
            PUBLISH | Our nurses gave 1,200 flu shots this October. Thank you for protecting your community!
            PUBLISH | Heart disease is the leading cause of death for women. Know your numbers.
            PUBLISH | Headaches that come on suddenly and severely need emergency care. Call 911.
            PUBLISH | Our new parking garage opens on June 3, right behind the main building.
            PUBLISH | Brush twice a day and floss once a day for healthy gums.
            PUBLISH | Thank you, Valley Health volunteers, for 5,000 hours of service this year!
            PUBLISH | Meet Aaron Blake, DO, our newest family physician.
            PUBLISH | Ask Dr. Blake about the new RSV vaccine for adults 60 and older.
            PUBLISH | Don't forget: daylight saving time ends Sunday. Set your clocks back and check your smoke detectors.
            PUBLISH | Seniors over 75 are at higher risk of falls. Our balance class can help.
            PUBLISH | Eating more fiber can help lower cholesterol. Try oats, beans, and berries.
            PUBLISH | The Springfield Farmers Market is back on Saturdays. Fresh produce is great medicine!
            PUBLISH | Our clinic at 900 Lake Shore Drive has free parking for patients.
            PUBLISH | Questions about Medicare? Join our free workshop on October 10 at 2pm.
            PUBLISH | Did you know Crohn's disease can affect any part of the digestive tract?
            PUBLISH | Hashimoto's is a common cause of hypothyroidism. A simple blood test can tell.
            PUBLISH | Celebrating Black History Month: Dr. Charles Drew pioneered blood banking.
            PUBLISH | We're proud to partner with Springfield Public Schools on free sports physicals.
            PUBLISH | Nurse Jackie Brown has been with our practice for 20 years. Happy work anniversary!
            PUBLISH | Happy retirement, Carol! Thank you for 30 years at our front desk.
            PUBLISH | Washing hands with soap for 20 seconds beats hand sanitizer when hands are visibly dirty.
            PUBLISH | Drink water, wear sunscreen, and take breaks in the shade during the heat wave.
            PUBLISH | Our doctors answer your questions live on Thursday at 7pm.
            # ---- third batch, written before the rules were tuned on it
            PUBLISH | Happy Thanksgiving from the Valley Health family! Our offices reopen Friday at 8am.
            PUBLISH | It's National Nurses Week! Thank you to every nurse who makes our practice run. 💙 #NursesWeek
            PUBLISH | Our team walked 500 miles in May for Mental Health Awareness Month!
            PUBLISH | New patients welcome! Call 555-010-3000 or book online at valleyhealth.example/book.
            PUBLISH | Reminder: bring your insurance card and a photo ID to every visit.
            PUBLISH | Ask your provider about the shingles vaccine if you're 50 or older.
            PUBLISH | Warning signs of stroke: face drooping, arm weakness, speech difficulty. Time to call 911.
            PUBLISH | Got questions about your bill? Our billing team is here to help Monday through Friday.
            PUBLISH | Proud of our pediatric team for earning a 5-star rating from families this year!
            PUBLISH | Sunscreen isn't just for summer. UV rays can damage skin year-round.
            PUBLISH | This Saturday: free blood pressure screenings in our lobby from 9am to noon.
            PUBLISH | Dr. Martinez shares 5 tips for better sleep in our latest blog post.
            PUBLISH | The flu shot is recommended for everyone 6 months and older.
            PUBLISH | Welcome to our newest team member, Sam Patel, who will manage our lab!
            PUBLISH | Our Springfield clinic has moved! Find us at 900 Lake Shore Drive starting Monday.
            PUBLISH | Mammograms save lives. Schedule yours today by calling 555-010-3000.
            PUBLISH | Kids need the MMR vaccine at 12 months and again at 4 to 6 years.
            PUBLISH | Caring for a loved one with dementia? Our social workers can connect you with resources.
            PUBLISH | Thank you to the Springfield Fire Department for the CPR training today!
            PUBLISH | High blood pressure often has no symptoms. Get checked at your next visit.
            PUBLISH | Our Pine Avenue pharmacy now offers curbside pickup.
            PUBLISH | Did you know? Walking just 20 minutes a day can boost your mood.
            PUBLISH | Our offices will close at noon on Christmas Eve, December 24.
            PUBLISH | We're hiring nurses! Apply at valleyhealth.example/careers.
            PUBLISH | Meet Lisa, our new dietitian, who loves helping families plan healthy meals.
            PUBLISH | Our providers speak English, Spanish, and Vietnamese.
            PUBLISH | Happy Father's Day to all the dads taking care of their health!
            PUBLISH | Stay safe this Fourth of July: leave fireworks to the professionals.
            PUBLISH | Diabetes is a leading cause of kidney disease. Regular A1C checks help catch problems early.
            PUBLISH | Thanks to everyone who joined our 5K on Saturday! We raised $12,000 for the food bank.
            PUBLISH | COVID boosters are available for ages 6 months and up. No appointment needed.
            PUBLISH | Text "FLU" to 555-010-3000 to get a reminder when your shot is due.
            PUBLISH | Ask about our sliding-scale fees. Everyone deserves care.
            PUBLISH | Dr. Nguyen's top tip: keep a list of your medications in your wallet.
            PUBLISH | Our urgent care is open until 9pm tonight.
            PUBLISH | Rest, fluids, and time help most colds go away within 7 to 10 days.
            PUBLISH | National Donate Life Month: one organ donor can save up to 8 lives.
            PUBLISH | Join Dr. Blake and Dr. Shah for a live chat on heart health, Wednesday at noon.
            PUBLISH | The Johnson & Johnson vaccine is no longer available in the US.
            PUBLISH | In honor of Veterans Day, thank you to all who served, including many on our staff.
            # ---- fourth batch, written before the rules were tuned on it
            PUBLISH | We're open Monday–Friday, 8–5, and Saturday mornings for urgent care.
            PUBLISH | Our Oak Street clinic has served the community since 1987.
            PUBLISH | Since March, we've offered evening telehealth visits.
            PUBLISH | Call us at 555-010-3000 with any questions about your visit.
            PUBLISH | Dr. Smith reminds you: annual wellness visits are free with most plans.
            PUBLISH | Patients over 65: ask about the RSV vaccine this fall.
            PUBLISH | Metformin is a first-line medicine for type 2 diabetes. Ask your doctor if it's right for you.
            PUBLISH | Living with Alzheimer's? Our memory clinic offers support for patients and caregivers.
            PUBLISH | Parkinson's Awareness Month: exercise can help with balance and movement.
            PUBLISH | People with Down syndrome deserve inclusive, respectful care. We're proud to provide it.
            PUBLISH | 2026 was a big year: we opened two clinics and hired 40 new staff.
            PUBLISH | Visit us at 900 Lake Shore Drive, Floor 3, for all your family's health needs.
            PUBLISH | Dr. Aaron Blake and Dr. Nguyen are accepting new patients.
            PUBLISH | Flu season starts in October. Get vaccinated early!
            PUBLISH | Our team ran the Turkey Trot this morning. Happy Thanksgiving!
            PUBLISH | Is your child's cough croup? Here's what to watch for.
            PUBLISH | Eat the rainbow: colorful fruits and vegetables are packed with vitamins.
            PUBLISH | Lisinopril, amlodipine, and losartan are common blood pressure medicines.
            PUBLISH | Questions about your prescription? Call our pharmacy at 555-010-3000.
            PUBLISH | Our lab hours change on January 2: 7am to 4pm, Monday to Friday.
            PUBLISH | Free car seat checks this Saturday at our Pine Avenue office.
            PUBLISH | Our nurse practitioners can treat minor injuries like sprains and cuts.
            PUBLISH | We celebrated 10 years at our Lake Shore Drive location today!
            PUBLISH | Hand, foot, and mouth disease is common in kids under 5. Wash hands often.
            PUBLISH | Skin cancer is the most common cancer in the US. Check your skin monthly.
            PUBLISH | Recognizing Dr. Shah, who received the Springfield Medical Society's Service Award.
            PUBLISH | Happy Halloween! Check candy before kids eat it, and watch for cars.
            PUBLISH | Are you 45 or older? It's time to talk about colon cancer screening.
            PUBLISH | Ask for Dr. Nguyen's handout on healthy eating during pregnancy.
            PUBLISH | Tips from our dietitian Maria: swap sugary drinks for water.
            PUBLISH | On World AIDS Day, we remember those we've lost and recommit to testing and prevention.
            PUBLISH | Hepatitis B vaccine is now recommended for all adults up to age 59.
            PUBLISH | Keep medicines locked up and out of children's reach.
            PUBLISH | Our phones are down; please call our backup line at 555-010-3001.
            PUBLISH | Welcome back to school! Sports physicals are available without an appointment.
            # ---- staff named without a title
            PUBLISH | Meet Tanya Brooks, who keeps our clinic running smoothly.
            PUBLISH | Tanya Brooks will teach our CPR class on Saturday.
            PUBLISH | Dr. Smith shares tips on staying active with arthritis.
            PUBLISH | Prayers for Springfield after the storm. Our clinics are open for anyone who needs care.
""";

    public static List<Case> parse(String block) {
        List<Case> out = new ArrayList<>();
        String[] lines = block.split("\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            String[] head = line.substring(0, bar).trim().split("\\s+");
            Decision d = Decision.valueOf(head[0]);
            List<String> rules = List.of(head).subList(1, head.length);
            out.add(new Case(i + 1, d, rules, line.substring(bar + 3)));
        }
        return out;
    }
}
