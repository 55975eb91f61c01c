//! Quotes and speakers on short articles written for each rule. The hand rules find the
//! candidates and make the choice the learned model starts from, so these tests read the rules'
//! choice (`SpeakerModel::rules`); the last tests read the embedded model's.

use super::*;
use crate::pipeline::language::Profile;
use crate::pipeline::segment;

/// The quotes `model` finds, reading the embedded syntax.
fn find_with(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
    model: &SpeakerModel,
) -> Vec<Quote> {
    let chooser = Chooser {
        model,
        syntax: Analyser::embedded(),
        sources: super::SourceRanker::embedded(),
        min_confidence: None,
    };
    super::run(text, paragraphs, sentences, rules, chooser, false).0
}

fn run(text: &str) -> Vec<(String, Option<String>, Attribution, QuoteKind)> {
    run_with(text, &SpeakerModel::rules())
}

fn run_with(
    text: &str,
    model: &SpeakerModel,
) -> Vec<(String, Option<String>, Attribution, QuoteKind)> {
    let (paragraphs, sentences) = segment::layout_for_tests(text);
    find_with(
        text,
        &paragraphs,
        &sentences,
        Profile::for_tag("en").quotes,
        model,
    )
    .into_iter()
    .map(|q| {
        (
            q.span.slice(text).to_owned(),
            q.speaker,
            q.attribution,
            q.kind,
        )
    })
    .collect()
}

#[test]
fn single_quotes_are_told_from_apostrophes() {
    let got =
        run("Jane Doe visited Ukraine's capital.\n\n'Biden shouldn't have said that,' Doe said.");
    assert_eq!(
        got,
        [(
            "Biden shouldn't have said that,".into(),
            Some("Jane Doe".into()),
            Attribution::Explicit,
            QuoteKind::Direct
        )]
    );
}

#[test]
fn a_pronoun_resolves_to_the_previous_speaker_and_a_split_quote_continues() {
    let got =
        run("\"We will win,\" said Mary Major.\n\n\"It is done,\" she said. \"Really done.\"");
    assert_eq!(got[1].1.as_deref(), Some("Mary Major"));
    assert_eq!(got[1].2, Attribution::Pronoun);
    assert_eq!(got[2].2, Attribution::Continued);
}

#[test]
fn scare_quotes_without_a_speaker_are_not_quotes() {
    assert!(run("The department said there was no secret \"client list\" at all.").len() <= 1);
    assert!(run("Critics mocked the so-called \"client list\" for weeks.").is_empty());
}

#[test]
fn a_partial_quote_takes_the_subject_of_the_cue_before_it() {
    let got = run(
        "Pete Hegseth spoke.\n\nEarlier on Thursday, Hegseth appeared to backtrack, telling a press conference that 'everything is on the table' for talks.",
    );
    assert_eq!(got[0].1.as_deref(), Some("Pete Hegseth"));
    assert_eq!(got[0].3, QuoteKind::Partial);
}

#[test]
fn a_transcript_label_is_the_speaker_and_not_part_of_the_quote() {
    let got = run(
        "Chris Wallace hosted.\n\n\"WALLACE: If I may, sir, I want to ask you about the debate.",
    );
    assert_eq!(
        got[0].0,
        "If I may, sir, I want to ask you about the debate."
    );
    assert_eq!(got[0].1.as_deref(), Some("Chris Wallace"));
}

#[test]
fn names_keep_their_initials_and_lose_their_titles() {
    let got = run(
        "\"There is some thought that people will not vote,\" said Representative Charles B. Rangel of New York.",
    );
    assert_eq!(got[0].1.as_deref(), Some("Charles B. Rangel"));
}

#[test]
fn a_second_partial_quote_finds_the_subject_before_the_first() {
    let got = run("Donald Trump called her \"a con\" and said she was \"duped\" by advisers.");
    let speakers: Vec<_> = got.iter().map(|q| q.1.as_deref()).collect();
    assert_eq!(speakers, [Some("Donald Trump"), Some("Donald Trump")]);
}

#[test]
fn the_speaker_is_the_person_not_the_nearest_capital() {
    let speakers =
        |text: &str| -> Vec<Option<String>> { run(text).into_iter().map(|q| q.1).collect() };
    // An organisation and a role before the name.
    assert_eq!(
        speakers("\"He looked like a grown-up,\" said MSNBC host Chris Matthews."),
        [Some("Chris Matthews".to_owned())]
    );
    // A participle after a comma belongs to the sentence's subject.
    assert_eq!(
        speakers(
            "Donald Trump attacked Clinton over Iraq and Libya, saying, \"She's trigger-happy and very unstable.\""
        ),
        [Some("Donald Trump".to_owned())]
    );
    // `States` in `the United States` is no cue.
    assert_eq!(
        speakers(
            "Secretary of State John Kerry said the United States will take \"robust steps\" soon."
        ),
        [Some("John Kerry".to_owned())]
    );
    // A pronoun after its own sentence's named subject refers to it.
    assert_eq!(
        speakers(
            "Jean-Marc Ayrault said it was a \"provocation\" by the regime.\n\nBan Ki-moon condemned what he called a \"brazen breach\" of the rules."
        )
        .last()
        .cloned()
        .flatten()
        .as_deref(),
        Some("Ban Ki-moon")
    );
}

#[test]
fn attributions_around_appositives_questions_and_introductions() {
    let speakers = |text: &str| -> Vec<(String, Option<String>)> {
        run(text).into_iter().map(|q| (q.0, q.1)).collect()
    };
    let got = speakers(
        "\"It's an invasion of the state regulatory domain,\" Scott Pruitt, the attorney general of Oklahoma, one of the states suing the EPA, said at an event.",
    );
    assert_eq!(got[0].1.as_deref(), Some("Scott Pruitt"));
    let got = speakers("\"How many times do we have to see this in our country?\" Clinton said.");
    assert_eq!(got[0].1.as_deref(), Some("Clinton"));
    let got = speakers(
        "\"Subpoenas are not optional,\" panel Chairman Rep. Jason Chaffetz (R-Utah) said after the hearing.",
    );
    assert_eq!(got[0].1.as_deref(), Some("Jason Chaffetz"));
    let got = speakers(
        "Pat Caddell spoke on the radio on Thursday.\n\nCaddell continued:\n\n\"The health issue overall is very much a partisan issue, and it shows in the polls.\"",
    );
    assert_eq!(got[0].1.as_deref(), Some("Pat Caddell"));
    let got = speakers(
        "Marc H. Morial forcefully told a young woman who suggested that people may stay home that \"this is not the first generation to be frustrated.\"",
    );
    assert_eq!(got[0].1.as_deref(), Some("Marc H. Morial"));
}

#[test]
fn speakers_after_participles_prepositions_possessives_and_descriptions() {
    let speaker = |text: &str| run(text).into_iter().next().and_then(|q| q.1);
    for (text, expected) in [
        // A participle after a thing, or after `by`, is the sentence subject's.
        (
            "Trump unleashed a series of tweets early Friday saying that Clinton used Machado \"as a paragon of virtue.\"",
            "Trump",
        ),
        (
            "Dean, a medical doctor, then appeared on MSNBC on Tuesday and began by saying he would \"never\" diagnose anyone on air.",
            "Dean",
        ),
        // A phrase after a preposition is no subject.
        (
            "Protesters marching through the streets chanted \"What curfew?\" until two in the morning.",
            "Protesters",
        ),
        // Quoted words between two names do not join them.
        (
            "Mills \"got an immunity agreement,\" Jordan said, and still \"got to sit in on the interview.\"",
            "Jordan",
        ),
        // A person's brief or doctor speaks for itself.
        (
            "However, Ivana Trump's brief said that was not her view and dismissed those reports as \"previous misinterpreted statements.\"",
            "Ivana Trump's brief",
        ),
        // A clause after the quote that is no attribution leaves the speaker to the words before.
        (
            "The spot ends with footage of Trump saying during the debate, \"That makes me smart,\" when Clinton blasted him for not paying income tax.",
            "Trump",
        ),
        // A quotation opening its sentence goes on in the words of the reported speech before it.
        (
            "The administration may be reluctant to act while Kerry negotiates, Schiff said. \"The other factor is the appearance of tipping the scales.\"",
            "Schiff",
        ),
        // After an honorific, a word that may be a title is the name.
        (
            "\"It's all about creating some enthusiasm around this race,\" Mr. King said.",
            "King",
        ),
        // A few words of description between the cue and the full name.
        (
            "\"They are 100 percent wrong,\" said 9/11 widow Terry Strada.",
            "Terry Strada",
        ),
        (
            "This is \"roughly the same advantage she has held all month,\" reported Reuters.",
            "Reuters",
        ),
        // A description right before the verb is the subject; a name followed by its own
        // verb after the cue is the reported clause's.
        (
            "However, 63 percent said Clinton was \"justified\" in keeping her diagnosis private.",
            "63 percent",
        ),
        (
            "In August, several environmental groups granted Mr. Clarke an extension, saying his \"start-up capital was less than expected.\"",
            "several environmental groups",
        ),
        (
            "The Republican presidential nominee has repeatedly wondered whether the moderators will be \"fair\" to him.",
            "The Republican presidential nominee",
        ),
        // A noun ending like an adverb is still the thing that speaks.
        (
            "Scott's family has called on police to release the videos \"as a matter of the greater good and transparency\" and called for calm.",
            "Scott's family",
        ),
        (
            "It is prohibited when voting “to fill a vacancy on the National ticket,” per the party’s bylaws.",
            "the party’s bylaws",
        ),
        (
            "The requirement is a \"lawful source of investment income,\" as a Homeland Security memo put it.",
            "a Homeland Security memo",
        ),
        (
            "He has been seen, as The New Yorker put it in a lengthy expose, “the operator.”",
            "The New Yorker",
        ),
        // The sentence after a dateline; an adjective in -ed is not the verb; four words
        // of description after `according to`.
        (
            "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized the Affordable Care Act as a “crazy system” during a stop.",
            "Bill Clinton",
        ),
        (
            "Only 52 percent of registered voters agreed that Clinton is in \"good enough overall health to serve as president,\" a poll found.",
            "Only 52 percent of registered voters",
        ),
        (
            "According to conservative talk radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
            "Rush Limbaugh",
        ),
        // Whose claim the words are, when no cue reports them; a ruling reports.
        (
            "Politifact did a fact-check on Donald Trump’s claim that there have been “thousands of shootings” in Chicago.",
            "Donald Trump",
        ),
        (
            "Politifact then ruled that Trump’s statement about “thousands of shootings” in Chicago is accurate.",
            "Politifact",
        ),
        // A source named at the end of the sentence.
        (
            "McAuliffe was greeted with chants of \"Bobby!\" at a labor conference last month, according to Virginia AFL-CIO President Doris Crouse-Mays.",
            "Doris Crouse-Mays",
        ),
        // A clause opened after the cue, with a named subject, holds the quote.
        (
            "Melanie said hello, but Kevin was drifting off again, and as Trump went on about “how the system is rigged,” she nodded.",
            "Trump",
        ),
        // A pronoun after a subordinating conjunction: the full name subject of the sentence
        // before.
        (
            "In a statement, presidential nominee Hillary Clinton was more circumspect. Though she called the behavior “outrageous” and called for pay to be “clawed back,” she stopped there.",
            "Hillary Clinton",
        ),
        // A party and state in brackets are not part of an antecedent's name.
        (
            "Sen. David Perdue (R-Ga.) was blunt on Tuesday. \"It’s not what worked in 2012,\" he said.",
            "David Perdue",
        ),
        // A description after an opening phrase of nouns with no comma.
        (
            "At the Republican convention in Cleveland his operatives forced a change, replacing it with language calling for “appropriate assistance.”",
            "his operatives",
        ),
        // `they` stands for the description that opens its sentence.
        (
            "The statement noted they had previously said they would take \"further significant measures\" if needed.",
            "The statement",
        ),
        (
            "Clinton’s campaign is seeking to contrast her approach with what they call Trump’s \"self-centered message.\"",
            "Clinton’s campaign",
        ),
        // A long description, after a title that a preposition governs.
        (
            "On Tuesday’s episode of “The Steve Harvey Morning Show,” the former secretary of state and current Democratic presidential nominee said she wanted to speak “directly to white people.”",
            "the former secretary of state and current Democratic presidential nominee",
        ),
        // A source after `according to` is the whole description before the comma.
        (
            "According to a 52-count civil complaint filed by the federal Securities and Exchange Commission and a 15-count complaint by Vermont, the developers engaged in a \"massive eight-year fraudulent scheme.\"",
            "a 52-count civil complaint filed by the federal Securities and Exchange Commission and a 15-count complaint by Vermont",
        ),
    ] {
        assert_eq!(speaker(text).as_deref(), Some(expected), "{text}");
    }
    // A last name alone after an opening phrase is the subject when the article gave the
    // full name (its party and state in brackets are no part of it).
    let got = run(
        "Senate Minority Leader Harry Reid (D-Nev.) has been pounding Trump as a “con artist.”\n\nIn recent weeks, Reid has gone after Trump as a “human leech who will bleed the country.”",
    );
    assert_eq!(got[1].1.as_deref(), Some("Harry Reid"), "{got:?}");
    // A subject of `be` says nothing: a copula, a passive (not a progressive).
    for text in [
        "The choice was between going after Trump as “uniquely unacceptable and unfit” or poking holes in his image.",
        "The less valuable mines would be placed in a separate \"liquidating trust\" run by the state.",
    ] {
        assert!(run(text).iter().all(|q| q.1.is_none()), "{text}");
    }
    assert_eq!(
        speaker("Donald Trump is once again questioning the integrity of the voting system to make sure everything is “on the up and up.”").as_deref(),
        Some("Donald Trump")
    );
    // A description has no verb of its own, and a long one names a role.
    for text in [
        "It's that the observed volume is much higher than what is predicted from \"exogenic\" sources, the authors said.",
        "Many residents of the city, including me, were a little wary at the title of this book said \"CBR600F4\" on its cover.",
    ] {
        assert!(
            run(text).iter().all(|q| q
                .1
                .as_deref()
                .is_none_or(|s| !s.contains(" is ") && !s.contains("wary"))),
            "{text}"
        );
    }
    // A subject phrase ends at a cue or a stop within eight words; a relative clause is no
    // part of it.
    let embassy = speaker(
        "The US Embassy in New Delhi maintains its own air quality monitor and reported Wednesday a rating of “hazardous.”",
    );
    assert!(
        embassy.as_deref().is_none_or(|s| !s.contains("maintains")),
        "{embassy:?}"
    );
    // A sentence-opening preposition is no name; a month ends one; a possessive subject is
    // the person (`Steenburgen’s` is `Mary Steenburgen`).
    for (text, expected) in [
        (
            "Another waitress who calls me her “sister” didn’t answer the texts I sent her.",
            "Another waitress",
        ),
        (
            "The piece used one of the woman’s quotes as its headline: “Finally. Someone who thinks like me.”",
            "The piece",
        ),
        // An adjective before a plural noun opens a description; when it is a phrase of
        // time, the description after its comma is the subject.
        (
            "Small groups of protesters continued to call for more information, looping the streets while chanting, \"Hands up, don't shoot.\"",
            "Small groups of protesters",
        ),
        (
            "Twenty-two years ago, a Times article hailed Trump as “The Comeback Kid” for his business success.",
            "a Times article",
        ),
        // Words announced by a noun of speech after a colon are the subject's, after an
        // opening phrase of any length.
        (
            "With Democratic leaders increasingly worried about a lack of passion for Hillary Clinton among young black voters, President Obama is rolling out a new and more personal campaign message: \"It's about me.\"",
            "Obama",
        ),
        (
            "Dale Ford and Martha Ford agreed to an interview.\n\nOver the course of that interview, Dale disputed that, saying instead he was “introverted by nature.”",
            "Dale",
        ),
        (
            "Par la suite, François Bayrou a promis une loi de « moralisation » de la vie publique.",
            "François Bayrou",
        ),
        (
            "Despite Mr. Trump’s Oct. 11 announcement that they had reached a “historic” Phase 1 trade agreement, signing a deal has proved elusive.",
            "Trump",
        ),
        (
            "Mary Steenburgen wrote songs.\n\nSteenburgen’s own 2014 movie “The Discovery, written for the band, came out.",
            "Mary Steenburgen",
        ),
    ] {
        assert_eq!(
            speaker(text).as_deref(),
            Some(expected),
            "{text} {:?}",
            run(text)
        );
    }
    // `X said yes` after a quotation answers it; the clause before holds the speaker.
    let got = run(
        "“You winning?” she said, but Kevin was drifting off, and as Trump went on about “how the system is rigged,” and “our own struggling citizens,” Melanie said yes, over and over again.",
    );
    assert_eq!(got[2].1.as_deref(), Some("Trump"), "{got:?}");
    // A list of charges has no subject: neither its capitalised first word nor a name after
    // a preposition speaks.
    let charges = run(
        "Repeats racist words.\n\nPreys on our worst fears, regarding Muslims and immigrants, and calls people \"losers\" and \"very sad people.\"",
    );
    assert!(charges.iter().all(|q| q.1.is_none()), "{charges:?}");
    // … but a cue reports the words: they are a quote, with no speaker.
    assert_eq!(charges[0].0, "losers", "{charges:?}");
    let cited = run(
        "Although the IMF did not single out his proposals, it referenced \"political tensions\" in advanced economies.",
    );
    assert_eq!(cited[0].0, "political tensions", "{cited:?}");
    // A shouted heading is no speaker.
    assert_ne!(
        speaker("CONGRESS HAS INVESTIGATED HIM — Oz's dubious advice earned him attention for saying that an extract was a \"magic weight loss cure.\"").as_deref(),
        Some("CONGRESS HAS INVESTIGATED HIM")
    );
}

#[test]
fn a_pronoun_stands_for_a_speaker_of_its_gender_or_for_nobody() {
    // The article says Tribe is a man (`Tribe said he`, `Mr. Tribe`): `she` is not Tribe.
    let got = run(
        "Laurence Tribe said he disagreed with the plan.\n\nMr. Tribe spoke for an hour.\n\n“I was right all along,” she said.",
    );
    assert_eq!(got[0].1, None, "{got:?}");
    let got = run("Hillary Clinton said she would go.\n\n“We will win this state,” she said.");
    assert_eq!(got[0].1.as_deref(), Some("Hillary Clinton"), "{got:?}");
    // An object pronoun tells nothing of the subject: `McCaskill scolded him`.
    let got = run(
        "Sen. Claire McCaskill scolded him: “The scientific community is against you,” she said.",
    );
    assert_eq!(got[0].1.as_deref(), Some("Claire McCaskill"), "{got:?}");
}

#[test]
fn where_every_noun_is_capitalised_a_capital_names_no_speaker() {
    let text = "Die Polizei bezeichnete die Kundgebung als „unerlaubte Wahlveranstaltung in einem Bundesgebäude“.";
    let (paragraphs, sentences) = segment::layout_for_tests(text);
    let german = find_with(
        text,
        &paragraphs,
        &sentences,
        Profile::for_tag("de").quotes,
        &SpeakerModel::rules(),
    );
    assert_eq!(german.len(), 1);
    assert_eq!(german[0].speaker, None);
    // A cue still names its subject; a German title is no part of the name, but a title
    // with `von` is a description.
    for (text, expected) in [
        (
            "„Wir haben einen gewaltigen Auftragseingang“, sagte Konzernchef Robert Machtlinger.",
            "Robert Machtlinger",
        ),
        (
            "„Die Lieferantenketten werden sich verändern“, sagte Konzernchef von FACC.",
            "Konzernchef von FACC",
        ),
    ] {
        let (paragraphs, sentences) = segment::layout_for_tests(text);
        let german = find_with(
            text,
            &paragraphs,
            &sentences,
            Profile::for_tag("de").quotes,
            &SpeakerModel::rules(),
        );
        assert_eq!(german[0].speaker.as_deref(), Some(expected), "{text}");
    }
    assert_eq!(
        run("\"We will not stand by,\" said Secretary of State John Kerry.")[0]
            .1
            .as_deref(),
        Some("John Kerry")
    );
    // A last name resolves to the name after the titles of the run that introduced it.
    assert_eq!(
        run("Israeli Prime Minister Benjamin Netanyahu arrived on Monday.\n\n\"We will not accept these claims,\" Netanyahu said.")[0].1.as_deref(),
        Some("Benjamin Netanyahu")
    );
}

#[test]
fn headlines_and_named_works_are_not_quotes() {
    let got = run(
        "Bill Clinton Calls Obamacare ‘Crazy System’ At Rally.\n\nPaul Ryan said in an interview on CBS's \"Face the Nation,\" that \"we have work to do on the budget.\"",
    );
    let quoted: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
    assert_eq!(quoted, ["we have work to do on the budget."]);
    // `called` that names a thing: no speaker's words.
    for text in [
        "The patient was diagnosed with what's called \"feather duvet lung,\" a type of severe lung inflammation.",
        "One of the cards, a poem called “Winter Solstice, Camelot Station,” went on to win the World Fantasy Award.",
        "He performed an improvised live show called “Ask Dr. Mike” at conventions.",
    ] {
        assert!(run(text).is_empty(), "{text}");
    }
    assert_eq!(
        run("Elizabeth Warren said Stumpf should resign, in what she called “gutless leadership.”")
            [0]
        .1
        .as_deref(),
        Some("Elizabeth Warren")
    );
    // A headline in sentence case repeats a quotation of the article.
    let got = run(
        "De Blasio says Chelsea explosion was an 'intentional act.'\n\nMayor Bill de Blasio described the blast as “an intentional act.”",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Bill de Blasio"));
    // A programme named after a preposition, whoever speaks around it.
    let got = run(
        "Bernie Sanders said on \"Morning Joe\" that Clinton needs to \"get away from all of this personality stuff.\"",
    );
    let quoted: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
    assert_eq!(quoted, ["get away from all of this personality stuff."]);
    // A programme after a possessive, a name used as a modifier, a nickname, a heading.
    for text in [
        "Johnson tells MSNBC’s “Morning Joe” on Friday that the attack remains under investigation.",
        "Al Sharpton began taking calls from listeners to his \"Keepin' It Real\" radio program.",
        "Trump yoked him with the nickname \"Lyin' Ted.\"",
        "State Del. Marcia \"Cia\" Price shouted to the crowd.",
        "'Legend in the Coal Fields.'\n\nBankruptcy is like a chess game, Mr. Clarke said.",
    ] {
        assert!(run(text).is_empty(), "{text}");
    }
    // `”` opening a quotation at the start of a paragraph, even before a space.
    let got = run("Getty.\n\n”Fear. I am truly afraid that he will win,” said Edwin Monroy.");
    assert_eq!(got[0].1.as_deref(), Some("Edwin Monroy"));
    let got = run("Getty.\n\n” … he delivered a mix of orthodoxy and rejoinders,” Barabak wrote.");
    assert_eq!(
        got[0].0,
        "… he delivered a mix of orthodoxy and rejoinders,"
    );
    assert_eq!(got[0].1.as_deref(), Some("Barabak"));
}

#[test]
fn an_attribution_between_dashes_inside_the_marks_splits_the_quotation() {
    let got =
        run("«Это не для слабонервных, – пожаловалась Поризкова. – Я постоянно борюсь с собой».");
    let quotes: Vec<(&str, Option<&str>, Attribution, QuoteKind)> = got
        .iter()
        .map(|q| (q.0.as_str(), q.1.as_deref(), q.2, q.3))
        .collect();
    assert_eq!(
        quotes,
        [
            (
                "Это не для слабонервных",
                Some("Поризкова"),
                Attribution::Explicit,
                QuoteKind::Direct
            ),
            (
                "Я постоянно борюсь с собой",
                Some("Поризкова"),
                Attribution::Explicit,
                QuoteKind::Direct
            ),
        ]
    );
}

#[test]
fn quotation_marks_and_cues_of_other_languages() {
    let speaker_of = |text: &str| -> Vec<(String, Option<String>)> {
        run(text).into_iter().map(|(q, s, _, _)| (q, s)).collect()
    };
    let one = |q: &str, s: &str| vec![(q.to_owned(), Some(s.to_owned()))];
    assert_eq!(
        speaker_of("„Wir werden die Ukraine weiter unterstützen“, sagte Olaf Scholz am Montag."),
        one("Wir werden die Ukraine weiter unterstützen", "Olaf Scholz")
    );
    assert_eq!(
        speaker_of("»Das ist nicht akzeptabel«, erklärte Annalena Baerbock."),
        one("Das ist nicht akzeptabel", "Annalena Baerbock")
    );
    assert_eq!(
        speaker_of("« Nous ne céderons pas », a déclaré Emmanuel Macron jeudi."),
        one("Nous ne céderons pas", "Emmanuel Macron")
    );
    assert_eq!(
        speaker_of("«La situación es muy grave», dijo Pedro Sánchez en Madrid."),
        one("La situación es muy grave", "Pedro Sánchez")
    );
    assert_eq!(
        speaker_of("«Мы не допустим эскалации», — заявил Дмитрий Песков журналистам."),
        one("Мы не допустим эскалации", "Дмитрий Песков")
    );
    assert_eq!(
        speaker_of("— No vamos a negociar con terroristas — dijo Pedro Sánchez."),
        one("No vamos a negociar con terroristas", "Pedro Sánchez")
    );
    // Japanese corner brackets: found as a quote; nobody is guessed as the speaker.
    let japanese = run("首相は「経済対策を急ぐ必要がある」と述べた。");
    assert_eq!(japanese.len(), 1);
    assert_eq!(japanese[0].0, "経済対策を急ぐ必要がある");
}

#[test]
fn the_learned_choice_names_a_cued_speaker_and_nobody_for_a_term() {
    let model = SpeakerModel::embedded();
    let got = run_with(
        "\"We will win this state,\" said Mary Major, the campaign's manager.",
        model,
    );
    assert_eq!(got[0].1.as_deref(), Some("Mary Major"), "{got:?}");
    let got = run_with(
        "Sen. Claire McCaskill scolded him: “The scientific community is against you,” she said.",
        model,
    );
    assert_eq!(got[0].1.as_deref(), Some("Claire McCaskill"), "{got:?}");
    let got = run_with(
        "The company sells a \"smart\" kettle. Jane Roe bought one in May.",
        model,
    );
    assert!(got.iter().all(|q| q.1.is_none()), "{got:?}");
}

#[test]
fn where_every_noun_is_capitalised_the_learned_choice_takes_no_capital_for_a_speaker() {
    let text = "Die Polizei bezeichnete die Kundgebung als „unerlaubte Wahlveranstaltung in einem Bundesgebäude“.";
    let german = found_in("de", text).quotes;
    assert!(german.iter().all(|q| q.speaker.is_none()), "{german:?}");
}

fn run_in(language: &str, text: &str) -> Vec<(String, Option<String>)> {
    found_in(language, text)
        .quotes
        .into_iter()
        .map(|q| (q.span.slice(text).to_owned(), q.speaker))
        .collect()
}

/// A text and the quotations expected in it, each with its speaker.
type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);

fn speakers_in(language: &str, cases: &[Case<'_>]) {
    for (text, expected) in cases {
        let got = run_in(language, text);
        let expected: Vec<(String, Option<String>)> = expected
            .iter()
            .map(|(q, s)| ((*q).to_owned(), s.map(str::to_owned)))
            .collect();
        assert_eq!(got, expected, "{language}: {text}");
    }
}

#[test]
fn russian_cues_roles_addressees_and_names_in_marks() {
    speakers_in(
        "ru",
        &[
            (
                "«Мы не планируем повышать налоги», — сказал министр финансов Антон Силуанов.",
                &[("Мы не планируем повышать налоги", Some("Антон Силуанов"))],
            ),
            // A role after the cue is the speaker when no name follows.
            (
                "«Это очень сложный фильм», — говорит режиссер.",
                &[("Это очень сложный фильм", Some("режиссер"))],
            ),
            (
                "«Ситуация остается напряженной», — считает политолог Иван Петров.",
                &[("Ситуация остается напряженной", Some("Иван Петров"))],
            ),
            // The person spoken to, in the dative, is not the speaker, before or after him.
            (
                "«Надо действовать быстрее», — сказал Ленин Дзержинскому.",
                &[("Надо действовать быстрее", Some("Ленин"))],
            ),
            (
                "«Надо действовать быстрее», — сказал Дзержинскому Ленин.",
                &[("Надо действовать быстрее", Some("Ленин"))],
            ),
            (
                "Ленин сказал Дзержинскому: «Надо действовать быстрее».",
                &[("Надо действовать быстрее", Some("Ленин"))],
            ),
            // A capitalised preposition opening the sentence is no name.
            (
                "По словам Петрова, «решение было принято заранее».",
                &[("решение было принято заранее", Some("Петрова"))],
            ),
            (
                "В Москве «никто не ожидал такого исхода», отмечает издание.",
                &[("никто не ожидал такого исхода", Some("издание"))],
            ),
            // An attribution between dashes inside one pair of marks splits the quotation.
            (
                "«Мы готовы к переговорам, — заявил Песков. — Но условия должны быть честными».",
                &[
                    ("Мы готовы к переговорам", Some("Песков")),
                    ("Но условия должны быть честными", Some("Песков")),
                ],
            ),
            // Companies, media and works are named in marks: no quotation.
            ("Акции компании «Газпром» подешевели на 2%.", &[]),
            ("Об этом сообщила газета «Коммерсантъ».", &[]),
            ("Компания «Роснефть» заявила, что сделка состоится.", &[]),
        ],
    );
}

#[test]
fn czech_cues_roles_and_names_in_marks() {
    speakers_in(
        "cs",
        &[
            (
                "„Situace je vážná,“ řekl ministr zdravotnictví Vlastimil Válek.",
                &[("Situace je vážná,", Some("Vlastimil Válek"))],
            ),
            (
                "„Nechceme zvyšovat daně,“ uvedla mluvčí ministerstva.",
                &[("Nechceme zvyšovat daně,", Some("mluvčí ministerstva"))],
            ),
            (
                "„Nevím, co bude dál,“ říká starostka obce.",
                &[("Nevím, co bude dál,", Some("starostka obce"))],
            ),
            (
                "„To je pro nás zásadní,“ dodal Babiš.",
                &[("To je pro nás zásadní,", Some("Babiš"))],
            ),
            ("Společnost „ČEZ“ oznámila výsledky.", &[]),
        ],
    );
}

#[test]
fn japanese_corner_quotes_take_the_topic_before_the_verb_of_saying() {
    speakers_in(
        "ja",
        &[
            (
                "岸田文雄首相は記者団に「経済対策を急ぐ」と述べた。",
                &[("経済対策を急ぐ", Some("岸田文雄首相"))],
            ),
            (
                "「安全が最優先だ」と田中社長は語った。",
                &[("安全が最優先だ", Some("田中社長"))],
            ),
            (
                "同社の広報担当者は「調査中です」と話した。",
                &[("調査中です", Some("同社の広報担当者"))],
            ),
            // A quoted word with no verb of saying is no speech.
            ("「ありがとう」という言葉が広がった。", &[]),
        ],
    );
}

#[test]
fn german_french_spanish_italian_portuguese_cues() {
    speakers_in(
        "de",
        &[
            (
                "„Wir werden das prüfen“, sagte Bundeskanzler Olaf Scholz am Montag.",
                &[("Wir werden das prüfen", Some("Bundeskanzler Olaf Scholz"))],
            ),
            // A pronoun with nobody to stand for names nobody; it is never a name itself.
            (
                "Er sagte: „Wir sind bereit.“",
                &[("Wir sind bereit.", None)],
            ),
        ],
    );
    speakers_in(
        "fr",
        &[
            (
                "« Nous allons gagner », a déclaré Emmanuel Macron.",
                &[("Nous allons gagner", Some("Emmanuel Macron"))],
            ),
            // A scare quote is no quotation.
            ("Le ministre a qualifié la réforme d'« historique ».", &[]),
        ],
    );
    speakers_in(
        "es",
        &[(
            "«No vamos a subir los impuestos», aseguró el presidente Pedro Sánchez.",
            &[("No vamos a subir los impuestos", Some("Pedro Sánchez"))],
        )],
    );
    speakers_in(
        "it",
        &[(
            "«Siamo pronti», ha detto Giorgia Meloni.",
            &[("Siamo pronti", Some("Giorgia Meloni"))],
        )],
    );
    speakers_in(
        "pt",
        &[(
            "«Vamos vencer», disse o presidente Lula.",
            &[("Vamos vencer", Some("Lula"))],
        )],
    );
}

#[test]
fn without_the_language_s_verbs_of_saying_no_name_nearby_is_offered() {
    // Finnish: no verbs of saying known; the name in the sentence is not taken for a speaker.
    let got = run_in(
        "fi",
        "Presidentti Sauli Niinistö piti puheen, jossa hän sanoi: ”Olemme valmiita.”",
    );
    assert!(got.iter().all(|(_, s)| s.is_none()), "{got:?}");
}

/// The quote search of `text` in `language`, with the embedded choice.
fn found_in(language: &str, text: &str) -> super::Found {
    let (paragraphs, sentences) = segment::layout_for_tests(text);
    find(
        text,
        &paragraphs,
        &sentences,
        Profile::for_tag(language).quotes,
        None,
    )
}

fn found(text: &str) -> super::Found {
    found_in("en", text)
}

#[test]
fn an_article_reports_a_bounded_number_of_quotations_and_says_so() {
    let text = "\"We will win,\" said Mary Major. ".repeat(MAX_QUOTATIONS + 100);
    let got = found(&text);
    assert_eq!(got.quotes.len(), MAX_QUOTATIONS);
    assert_eq!(got.stopped, Some(super::Bound::Reported));
    // Exactly as many as reported: nothing was left out.
    let text = "\"We will win,\" said Mary Major. ".repeat(3);
    assert_eq!(found(&text).stopped, None);
}

#[test]
fn marks_around_no_ones_words_end_the_search_at_their_own_bound_and_say_so() {
    // Short unattributed phrases in marks are weighed, then not reported.
    let text = "a \"big deal\" here and ".repeat(super::MAX_WEIGHED + 10);
    let got = found(&text);
    assert!(got.quotes.len() < MAX_QUOTATIONS, "{}", got.quotes.len());
    assert_eq!(got.stopped, Some(super::Bound::Weighed));
}

#[test]
fn descriptions_are_speakers_whole() {
    let model = SpeakerModel::embedded();
    for (text, expected) in [
        (
            "\"The talks failed,\" the influential US daily said.",
            "the influential US daily",
        ),
        (
            "\"The talks failed,\" said the influential US daily.",
            "the influential US daily",
        ),
        (
            "\"We will not comment,\" said a spokeswoman for the State Department.",
            "a spokeswoman for the State Department",
        ),
        (
            "The report said the program was \"a failure from the start.\"",
            "The report",
        ),
        (
            "\"It was a failure,\" the newspaper reported.",
            "the newspaper",
        ),
    ] {
        let got = run_with(text, model);
        assert_eq!(got[0].1.as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn ranks_roles_relative_clauses_bare_plurals_and_a_cue_sentence_after_the_quote() {
    let speaker_of_first =
        |text: &str| -> Option<String> { run(text).into_iter().next().and_then(|q| q.1) };
    for (text, expected) in [
        // A rank in figures and an abbreviated title before the name.
        (
            "\"I really don't understand it,\" said Air Force 1st Lt. Tyler Livingston.",
            "Tyler Livingston",
        ),
        // A hyphenated role between the place and the name.
        (
            "\"The biggest concern is the court,\" said Idaho nutritional-supplement executive Frank VanderSloot, who had backed Rubio.",
            "Frank VanderSloot",
        ),
        // A relative clause ends the description after the cue.
        (
            "Fiorina was not one for \"engaging her team,\" said one former executive who requested anonymity to avoid damaging his relations.",
            "one former executive",
        ),
        // The description before a participial appositive, not the adjective inside it.
        (
            "An Israeli official, speaking on the condition of anonymity, said Wednesday that Netanyahu \"will meet with any candidate.\"",
            "An Israeli official",
        ),
        // A plural with no determiner.
        (
            "\"The harm caused is incalculable,\" federal prosecutors wrote in seeking a penalty.",
            "federal prosecutors",
        ),
        // `… missing." Trump said.`: the short sentence after the closing mark.
        (
            "\"I hope you're able to find the emails that are missing.\" Trump said.",
            "Trump",
        ),
    ] {
        assert_eq!(speaker_of_first(text).as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn verbs_of_saying_beyond_said_are_cues() {
    let first = |text: &str| run(text).into_iter().next();
    for (text, expected) in [
        (
            "\"Everything that you have said has totally overlapped,\" the judge exclaimed.",
            "the judge",
        ),
        (
            "\"There is a special place for people who vote that way,\" Maria Lopez retorted.",
            "Maria Lopez",
        ),
        (
            "\"We never agreed to that,\" interjected Tom Baker, the council's treasurer.",
            "Tom Baker",
        ),
        (
            "\"The plan is sound and the numbers add up,\" the senator reiterates.",
            "the senator",
        ),
    ] {
        let quote = first(text);
        assert_eq!(
            quote.as_ref().and_then(|q| q.1.as_deref()),
            Some(expected),
            "{text}"
        );
        assert_eq!(quote.map(|q| q.2), Some(Attribution::Explicit), "{text}");
    }
}
