@testable import CivicCore
import Testing

/// The O.S. training's trainers, as the Polish, English and Ukrainian replies name them (the
/// Ukrainian keeps the Polish name in brackets).
func namesTheTrainers(_ text: String) -> Bool {
    text.contains("Centrum Doradztwa Strategicznego") || text.contains("Center for Strategic Counseling")
}

/// Facts asked about by an aspect (`aspects:` in topics.yml): the reply says them even when the
/// intent's own reply does not. Paraphrases of our own, never from an evaluation set.
@Suite("Facts by aspect")
struct AspectTests {
    @Test("who ran the training", arguments: [
        "kto prowadził szkolenie w Krośnie?", "jacy trenerzy prowadzili szkolenie O.S.?", "who led the O.S. training in Krosno?",
    ])
    func trainers(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(namesTheTrainers(text), "\(text)")
    }

    @Test("what comes after the listening campaign", arguments: [
        "co jest potem, po kampanii słuchania w Krośnie?", "a później, po kampanii słuchania, co będzie w akcji O.S.?", "what happens after the listening campaign in Krosno?",
    ])
    func afterCampaign(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains("¼") || text.contains("1/4") || text.contains("ćwierć") || text.contains("quarter"), "the job stage: \(text)")
    }

    @Test("what a local government gains in the Zachodniopomorskie project", arguments: [
        "co zyska nasza gmina na udziale w rekrutacji JST w zachodniopomorskim?", "jakie korzyści daje samorządowi projekt zachodniopomorskich JST?",
        "what does a municipality gain from the Zachodniopomorskie JST project?",
    ])
    func gains(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains("animator"), "\(text)")
        #expect(text.contains("Lokalnym Indeksem") || text.contains("Local Cooperation Quality Index"), "\(text)")
    }

    @Test("how long the training lasted, and volunteering at the Civic Centre", arguments: [
        ("ile dni trwało szkolenie w akcji O.S.?", "4-dniowe"), ("how long did the O.S. training in Krosno last?", "4-day"),
        ("czy w Centrum Obywatelskim w Krakowie jest coś o wolontariacie?", "wolontariatu"),
        ("does the Civic Centre in Kraków do anything for volunteers?", "volunteering"),
    ])
    func lengthAndVolunteering(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains(fact), "\(text)")
    }

    @Test("an aspect already said is not said twice")
    func notTwice() throws {
        var t = Transcript()
        let text = try t.reply("jak wygląda akcja O.S. w Krośnie i kto prowadził szkolenie?").text
        let said = text.components(separatedBy: "Centrum Doradztwa Strategicznego").count - 1
        #expect(said == 1, "\(text)")
    }

    @Test("an aspect word of the programme a line names makes it a question about it")
    func namedAspect() throws {
        // It was a known issue until the aspect words of a named topic weighed in the matching.
        var t = Transcript()
        let text = try t.reply("a trenerzy na szkoleniu O.S. skąd byli?").text
        #expect(text.contains("Centrum Doradztwa Strategicznego"), "\(text)")
    }

    @Test("a close call on a line naming a programme and one of its aspects is answered, with the aspect", arguments: [
        ("a co następnie po tych 20 rozmowach w akcji O.S.?", "¼"),
        ("how many days did the O.S. training in Krosno last?", "4-day"),
        ("ile dni trwało szkolenie w akcji O.S.?", "4-dniowe"),
        ("O.S. w Krośnie – szkolenie było na ile dni?", "4-dniowe"),
        ("and after the listening campaign in O.S., what's next?", "¼"),
        ("скільки днів тривало навчання в акції O.S.?", "4"),
    ])
    func aspectOnACloseCall(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent != .fallback)
        #expect(reply.text.contains(fact), "\(reply.text)")
    }
}

@Suite("Facts counted in a reply")
struct FactFormsTests {
    @Test("a date copied from the seeds counts however a reply writes it", arguments: [
        ("17.05.2023", ["17 maja 2023", "17 May 2023"]),
        ("20 sty 2014", ["20 stycznia 2014", "20 January 2014"]),
        ("12.2020", ["grudnia 2020", "December 2020"]),
    ])
    func dates(_ fact: String, _ said: [String]) {
        let forms = IntentEvaluation.forms(ofFact: fact)
        for text in said { #expect(forms.contains(text)) }
        #expect(forms.first == fact)
    }

    @Test("anything else must be said as written", arguments: ["13 47 430 01", "Lwowska 28a", "5.4.2", "94.29", "15 328 498.86"])
    func verbatim(_ fact: String) {
        #expect(IntentEvaluation.forms(ofFact: fact) == [fact])
    }
}

@Suite("Facts by aspect: the Socially Organised project's tasks and results")
struct SociallyOrganisedAspectTests {
    @Test("its results are said whichever intent the question is taken for", arguments: [
        "jakie były rezultaty projektu Socially Organised?", "what came out of Socially Organised, any results?",
        "які результати дав проєкт Socially Organised?",
    ])
    func results(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains("12"), "\(text)")
    }

    @Test("its tasks are said when asked for", arguments: [
        "jakie zadania miał projekt Socially Organised?", "what tasks did Socially Organised have?", "які були завдання у проєкті Socially Organised?",
    ])
    func tasks(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains("ponadnarodow") || text.contains("supranational") || text.contains("транснаціональн"), "\(text)")
    }
}

/// Seed facts that a question names by a word of their own: who commissions and who runs the
/// Civic Centre, who Mateusz Płoskonka is, the Coalition's study visit and its page's news, the
/// author of the 2014 notice, its self-assessment tool, the Norway Grants slogan, how many were
/// trained in Socially Organised. Paraphrases of our own, in three languages.
@Suite("Facts by aspect: the seeds' smaller facts")
struct SmallerFactTests {
    @Test("the fact is in the reply", arguments: [
        ("na czyje zlecenie działa Centrum Obywatelskie w Krakowie?", "Gmina Miejska Kraków"),
        ("who commissioned the Civic Centre project in Kraków?", "Municipality of Kraków"),
        ("хто замовник проєкту Громадський центр у Кракові?", "Gmina Miejska Kraków"),
        ("czym się zajmuje Mateusz Płoskonka?", "dyrektor"),
        ("what is the role of Mr Ploskonka at the Civic Centre?", "director"),
        ("хто такий Матеуш Плосконка?", "директор"),
        ("po co w Koalicji na rzecz sąsiedztw jest wizyta studyjna?", "praktyk rzeczniczych"),
        ("is there a study visit in the neighbourhood coalition project?", "advocacy and networking"),
        ("чи буде в Коаліції за сусідства навчальний візит?", "адвокації"),
        ("co to za Akademia Lidera NGO na stronie Koalicji?", "Małopolskiego Ośrodka Wsparcia Ekonomii Społecznej"),
        ("what is the ABC dla NGO thing on the coalition's page?", "no details"),
        ("що за новини Академії лідера на сторінці Коаліції?", "без подробиць"),
        ("kto jest autorem ogłoszenia o rekrutacji JST w zachodniopomorskim?", "Małgorzata Kuncewicz"),
        ("who wrote the 2014 JST recruitment notice?", "Małgorzata Kuncewicz"),
        ("хто автор оголошення про набір JST?", "Małgorzata Kuncewicz"),
        ("jakim narzędziem samooceny gmina bada współpracę w projekcie JST?", "Lokalny Indeks Jakości Współpracy"),
        ("which self-assessment tool does the JST project use?", "Local Cooperation Quality Index"),
        ("який інструмент самооцінки є в проєкті JST?", "Lokalny Indeks Jakości Współpracy"),
        ("jakie hasło mają Fundusze Norweskie przy projekcie w Krośnie?", "zielonej, konkurencyjnej"),
        ("what slogan do the Norway Grants use on the Krosno project page?", "green, competitive and inclusive"),
        ("яке гасло Норвезьких фондів у проєкті в Кросно?", "зеленої"),
        ("ilu organizatorów przeszkolono w Socially Organised?", "12"),
        ("how many people were trained in Socially Organised?", "12"),
        ("скільки людей навчили в проєкті Socially Organised?", "12"),
    ])
    func said(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains(fact), "\(text)")
    }

    @Test("a word of such a fact alone does not make an out-of-scope request ours", arguments: [
        "kto jest autorem Pana Tadeusza?", "who wrote the Harry Potter books?", "jakie hasło do wifi w bibliotece?",
    ])
    func notOurs(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == .fallback)
    }
}

/// The people the seed pages name lead to their programme, in Latin letters and in the Cyrillic
/// a Ukrainian writes them in ("пані Кунцевич"): asked for, their programme's contact is given.
struct PeopleOfTheSeedsTests {
    @Test("a contact asked by a person's name gets that programme's numbers", arguments: [
        ("poproszę numer do pani Kuncewicz", "(91) 44 16 223/224"),
        ("how can I reach Ms Pieczynska?", "(91) 44 16 223/224"),
        ("дайте, будь ласка, телефон пані Пєчинської", "(91) 44 16 223/224"),
        ("jak się skontaktować z panem Huzarem?", "340 35 23"),
        ("what is Piotr Huzar's phone number?", "340 35 23"),
        ("який номер у пана Гузара?", "340 35 23"),
    ])
    func contact(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact)
        #expect(reply.text.contains(fact), "\(reply.text)")
    }
}

/// Krosno's Cultural and Tourist Information has its own address and number (seed 000): asked
/// for, they are the answer, not the City Hall's.
struct TouristInformationTests {
    @Test("the tourist information's address or number is the reply", arguments: [
        ("jaki numer ma informacja turystyczna w Krośnie?", "515 252 776"),
        ("gdzie w Krośnie znajdę punkt informacji turystycznej", "Blich 1"),
        ("is there a tourist information point in Krosno, and where?", "Blich 1"),
        ("phone for the Krosno tourist office?", "515 252 776"),
        ("де в Кросно туристичний інформаційний пункт?", "Blich 1"),
        ("номер туристичної інформації в Кросно", "515 252 776"),
    ])
    func said(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .contact)
        #expect(reply.text.contains(fact), "\(reply.text)")
        #expect(!reply.text.contains("13 47 430 01"), "\(reply.text)")
    }

    @Test("the City Hall's number is still the City Hall's", arguments: [
        "jaki jest telefon do urzędu miasta w Krośnie", "what's the city hall's number in Krosno?", "телефон міської ради Кросна",
    ])
    func cityHall(_ line: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.text.contains("13 47 430 01"), "\(reply.text)")
    }
}

/// A programme's name is found inflected, not in another word of the same root: NGOs
/// ("organizacje społeczne", "громадські організації") are not community organising
/// ("organizowanie społeczne", "громадське організування").
struct AliasInflectionTests {
    let matcher = ShippedCatalogue.catalogue.matcher

    @Test("another word of the same root names no programme", arguments: [
        "pomoc prawna dla organizacji społecznych", "szukam listy organizacji społecznych z Podkarpacia",
        "реєстрація громадської організації", "чи допомагаєте громадським організаціям з грантами?",
    ])
    func otherWord(_ line: String) {
        #expect(matcher.mentions(in: line).topic == nil)
    }

    @Test("an inflected name is still found", arguments: [
        ("chcę wiedzieć więcej o organizowaniu społecznym", "os_krosno"),
        ("szkolenie z organizowania społecznego", "os_krosno"),
        ("що таке громадське організування?", "os_krosno"),
        ("byłam w Centrum Obywatelskim", "centrum_obywatelskie"),
        ("a w Koalicji na rzecz Sąsiedztw?", "koalicja_sasiedztw"),
    ])
    func inflected(_ line: String, _ topic: String) {
        #expect(matcher.mentions(in: line).topic == topic)
    }
}

/// The short funding overview (no programme named) carries the O.S. project's shares, so a
/// question about Norway's or the State Budget's part is answered with its number.
struct FundingSharesTests {
    @Test("the shares are in the overview", arguments: [
        ("ile procent dokłada Norwegia?", "85%"),
        ("how much of the money comes from Norway, in percent?", "85%"),
        ("яку частку дає державний бюджет?", "15%"),
        ("jaki procent pokrywa budżet państwa?", "15%"),
    ])
    func shares(_ line: String, _ share: String) throws {
        var t = Transcript()
        let reply = try t.reply(line)
        #expect(reply.intent == .funding)
        #expect(reply.text.contains(share), "\(reply.text)")
    }
}

/// Socially Organised's period is an aspect: "how long did it run?" is answered with its dates.
struct ProjectPeriodTests {
    @Test("the period is in the reply", arguments: [
        "jak długo trwał projekt Socially Organised?", "over what period did Socially Organised run?",
        "скільки років тривав Socially Organised?", "w jakich latach realizowano Socially Organised",
    ])
    func period(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains("2018") && text.contains("2020"), "\(text)")
    }
}

/// The office Mateusz Płoskonka directs names the Civic Centre, and asking for its head gets him.
struct OfficeHeadTests {
    @Test("the director is in the reply", arguments: [
        "kto kieruje Miejskim Ośrodkiem Wspierania Inicjatyw Społecznych w Krakowie?",
        "who heads the Municipal Centre for Supporting Social Initiatives?",
        "хто директор Міського центру підтримки громадських ініціатив?",
        "kto jest dyrektorem w Centrum Obywatelskim?",
        "dyrektor MOWIS to kto?",
    ])
    func director(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(text.contains("Mateusz Płoskonka"), "\(text)")
    }
}

/// A part of one programme (`parts:` in topics.yml: the Krosno listening campaign) is not what a
/// question about another programme asks, however much its wording is. Paraphrases of our own.
@Suite("A part of another programme")
struct PartOfAnotherProgrammeTests {
    @Test("where another programme took place is no question about the listening campaign", arguments: [
        ("where did Socially Organised take place?", "Przemyśl"), ("w jakim miejscu działał projekt Socially Organised?", "Przemyśl"),
        ("в яких містах був проєкт Socially Organised?", "Przemyśl"), ("which towns was the Socially Organised project in?", "Przemyśl"),
    ])
    func namedProgramme(_ line: String, _ fact: String) throws {
        var t = Transcript()
        let answer = try t.reply(line)
        #expect(answer.intent != "listening_campaign", "\(answer.text)")
        #expect(answer.text.contains(fact), "\(answer.text)")
        #expect(!answer.text.contains("Polanka"), "not the Krosno districts: \(answer.text)")
    }

    @Test("a follow-up in a conversation about the JST recruitment asks about it", arguments: [
        "a drugi etap, do kiedy?", "a termin drugiego etapu?", "and the second stage, when was it due?",
    ])
    func followUp(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("kiedy był nabór w projekcie zachodniopomorskich JST?")
        let answer = try t.reply(line)
        #expect(answer.intent != "listening_campaign", "\(answer.text)")
        #expect(answer.text.contains("14 lutego 2014") || answer.text.contains("14 February 2014"), "\(answer.text)")
    }

    @Test("the part's own keyword still asks for it in another programme's conversation", arguments: [
        "a co to jest kampania słuchania?", "and what is the listening campaign?",
    ])
    func ownKeyword(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("gdzie jest Centrum Obywatelskie?")
        #expect(try t.reply(line).intent == "listening_campaign")
    }
}

/// The listening campaign's districts and, in a story, the aspects its questions ask.
@Suite("Districts and the aspects a story asks")
struct DistrictsAndStoryAspectTests {
    @Test("which districts, as a follow-up about the O.S. action", arguments: [
        "a w jakich dzielnicach to jest?", "na jakich osiedlach sie to dzieje", "which districts are covered?", "в яких районах це відбувається?",
        "a w których częściach miasta to się odbywa?", "w jakich rejonach Krosna sa te rozmowy?",
    ])
    func districts(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("co to jest akcja O.S. w Krośnie?")
        let text = try t.reply(line).text
        #expect(text.contains("Polanka") && text.contains("Traugutta"), "\(text)")
    }

    @Test("a word of the story adds no aspect its question does not ask", arguments: [
        "Od wielu lat, prawie codziennie, zajmuję się sąsiadami z mojego bloku w Krośnie i długo o tym myślałam. Dowiedziałam się o akcji O.S. od koleżanki. Skąd są pieniądze na akcję O.S.?",
        "For many days now I have been thinking about helping the older neighbours in my street in Krosno, and a friend from work told me about the O.S. action there last spring. Who pays for the O.S. action?",
    ])
    func storyAspects(_ line: String) throws {
        var t = Transcript()
        let answer = try t.reply(line)
        #expect(answer.intent == "funding", "\(answer.text)")
        #expect(!answer.text.contains("4-dniowe") && !answer.text.contains("4-day"), "the training's length was not asked: \(answer.text)")
    }

    @Test("a question of a story still gets its aspect")
    func storyAsksAspect() throws {
        var t = Transcript()
        let text = try t.reply("Mieszkam w Krośnie od urodzenia i interesuję się tym, co robi miasto dla mieszkańców. Sąsiadka była na szkoleniu w akcji O.S. Ile dni trwało szkolenie w akcji O.S.?").text
        #expect(text.contains("4-dniowe"), "\(text)")
    }
}

/// A city named in the story around a question says where someone came from, not what is asked.
@Suite("A city in the story, not in the question")
struct CityInTheStoryTests {
    @Test("the conversation's programme stays", arguments: [
        "Moja sąsiadka mówiła, że trenerzy przyjechali z Krakowa i że było bardzo ciekawie, choć długo to trwało. Ja wtedy nie mogłam pójść, bo opiekowałam się wnukiem. Kto prowadził to szkolenie?",
        "A friend of mine said the trainers came all the way from Kraków and that everyone liked the sessions a lot. I could not go myself back then because of work. Who led that training?",
        "Znajomy z Wrocławia opowiadał mi, że u nich też robili coś podobnego dla sąsiadów i bardzo to chwalił. Ciekawi mnie, jak to wyglądało tutaj u nas. Kto prowadził to szkolenie?",
    ])
    func conversationTopicStays(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("co to jest akcja O.S. w Krośnie?")
        let text = try t.reply(line).text
        #expect(namesTheTrainers(text), "\(text)")
    }

    @Test("a city the question itself names is what it asks about")
    func cityInQuestion() throws {
        var t = Transcript()
        _ = try t.reply("co to jest akcja O.S. w Krośnie?")
        let text = try t.reply("Przeprowadzam się niedługo do innego miasta, bo dostałam tam pracę, i chciałabym dalej działać społecznie w nowym miejscu. Gdzie w Krakowie mogę szukać wsparcia dla swojej inicjatywy?").text
        #expect(text.contains("Reymonta"), "\(text)")
    }
}

/// A question that names no programme but asks an aspect only one of them has.
@Suite("The one programme with the aspect asked")
struct OnlyProgrammeWithTheAspectTests {
    @Test("who ran the training, no programme named yet", arguments: [
        "a kto prowadził to szkolenie?", "who ran the training?", "хто проводив навчання?",
    ])
    func trainers(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(namesTheTrainers(text), "\(text)")
    }

    @Test("the conversation's own programme wins over the aspect's")
    func conversationFirst() throws {
        var t = Transcript()
        _ = try t.reply("co to jest Centrum Obywatelskie w Krakowie?")
        let text = try t.reply("a kto je prowadzi?").text
        #expect(text.contains("KraFOS"), "\(text)")
        #expect(!text.contains("Centrum Doradztwa Strategicznego"), "\(text)")
    }
}

/// A follow-up that asks one of the conversation's programme's facts by its aspect's words.
@Suite("A follow-up asking an aspect")
struct FollowUpAspectTests {
    @Test("where the project ran, after a question about it: the fact alone", arguments: [
        ("which towns did it run in?", "Przemyśl"), ("a w których miastach był?", "Przemyśl"), ("в яких містах він був?", "Przemyśl"),
    ])
    func place(_ line: String, _ fact: String) throws {
        var t = Transcript()
        _ = try t.reply("opowiedz mi o projekcie Socially Organised")
        let answer = try t.reply(line)
        #expect(answer.intent == "about", "\(answer.text)")
        #expect(answer.text.contains(fact), "\(answer.text)")
        #expect(!answer.text.contains("Q93873"), "not the whole overview again: \(answer.text)")
    }

    @Test("how many finished the training, after the overview of the O.S. action", arguments: [
        "a ile osób ukończyło to szkolenie?", "and how many people completed it?", "а скільки людей закінчили навчання?",
    ])
    func completed(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("na czym polega akcja O.S. w Krośnie?")
        let text = try t.reply(line).text
        #expect(text.contains("7"), "\(text)")
        #expect(!text.contains("trzyetapowa") && !text.contains("three-stage") && !text.contains("триетапна"), "the fact, not the overview again: \(text)")
    }
}

/// "co to jest KDO?": the Coalition's materials use the abbreviation without spelling it out.
@Suite("An abbreviation the seed does not expand")
struct AbbreviationTests {
    @Test("KDO, asked outright or as a follow-up", arguments: ["co oznacza skrót KDO?", "a to KDO to co takiego?", "що таке KDO?"])
    func kdo(_ line: String) throws {
        var t = Transcript()
        _ = try t.reply("czym się zajmuje Koalicja na rzecz sąsiedztw?")
        let text = try t.reply(line).text
        #expect(text.contains("komisja dialogu obywatelskiego") || text.contains("комісія громадського діалогу"), "\(text)")
        #expect(text.contains("nie rozwijają") || text.contains("не розшифровують"), "says the materials do not expand it: \(text)")
    }
}

@Suite("A story's own question")
struct StoryQuestionTests {
    @Test("a story in scope whose question asks something else more surely: the question", arguments: [
        "Od lat pomagam starszym sąsiadom na moim osiedlu w Krośnie i słyszałam, że miasto prowadziło akcję O.S. dla takich osób jak ja. Mąż mówi, że to pewnie drogie i nic z tego nie będzie. Kto płaci za akcję O.S.?",
        "I have lived in Krosno for twenty years and I am interested in the O.S. action that the city organised for its residents a while ago. My neighbour asked me something I could not answer. Who pays for the O.S. action?",
    ])
    func question(_ line: String) throws {
        var t = Transcript()
        #expect(try t.reply(line).intent == "funding")
    }

    @Test("a closing courtesy after a story is no question of its own", arguments: [
        "Jestem z Krosna i chciałabym dowiedzieć się więcej o akcji O.S., o której mówiła mi sąsiadka z bloku, bo sama szukam sposobu, żeby coś zrobić dla swojego osiedla. Proszę o informację, na czym ta akcja polega. Z góry serdecznie dziękuję za odpowiedź.",
        "Good morning, I recently moved to Kraków and a colleague from work keeps telling me about the Centrum Obywatelskie and the support it gives to small local groups like ours. Please tell me what the centre actually offers. Many thanks in advance and have a nice day.",
    ])
    func closingCourtesy(_ line: String) throws {
        var t = Transcript()
        let answer = try t.reply(line)
        #expect(![IntentID.thanks, .greeting, .goodbye, .fallback].contains(answer.intent), "\(answer.text)")
    }
}

@Suite("What a story's question names")
struct StoryQuestionNamesTests {
    @Test("the programme the question names, not the one the story names", arguments: [
        "Mój syn chodził na warsztaty do Centrum Obywatelskiego w Krakowie i bardzo je chwalił, więc sama zaczęłam się interesować takimi rzeczami. Słyszałam, że u nas też było coś podobnego. Kto prowadził szkolenie w Krośnie?",
        "My daughter studies in Kraków and attended a workshop at the Centrum Obywatelskie there, and she loved it. I am curious whether the course here had outside trainers too. Who ran the training in Krosno?",
        "Моя донька навчається в Кракові і була на семінарі в Centrum Obywatelskie, їй дуже сподобалося. Мені цікаво, чи в нас теж були тренери ззовні. Хто проводив навчання в Кросно?",
    ])
    func questionNames(_ line: String) throws {
        var t = Transcript()
        let text = try t.reply(line).text
        #expect(namesTheTrainers(text), "\(text)")
    }
}

/// "Is there such a programme in my city?": a programme and a city named together.
@Suite("A programme and a city named together")
struct ProgrammeAndCityTests {
    @Test("answered about the programme, which says where it is", arguments: [
        ("hej, a ta koalicja sąsiedzka to działa też u nas we Wrocławiu?", "Wrocław"),
        ("is there an O.S. action in Przemyśl as well, or only in Krosno?", "Krosno"),
        ("чи працює Centrum Obywatelskie також у Кросно?", "Krak"),
    ])
    func whereItIs(_ line: String, _ place: String) throws {
        var t = Transcript()
        let answer = try t.reply(line)
        #expect(answer.intent != .fallback, "\(answer.text)")
        #expect(answer.text.contains(place) || answer.text.contains("Краків"), "\(answer.text)")
    }
}
