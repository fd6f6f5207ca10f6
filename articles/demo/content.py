# ruff: noqa: E501  (prose: one paragraph per line reads and diffs better than wrapped strings)
"""Demo content for ``manage.py load_demo``: the fictional Meridian Institute and its publications.

Plain data only; ``articles.demo`` turns it into rows. Every text is original and every source is
fictional (example domains, DOIs under the 10.5555 test prefix).

Conventions:
- Texts that exist per language are dicts ``{"en": ..., "tr": ..., "ru": ...}``; a missing
  language stays empty in the database (the article is simply not live in it).
- A body is a list of paragraphs; a paragraph starting with ``## `` becomes an ``<h2>``.
- ``[^3]`` in a body is footnote marker 3; markers must appear as 1, 2, ... n in every language,
  where n is the number of the article's citations.
"""

from datetime import date, datetime

# --- Taxonomy ------------------------------------------------------------------------------------
# Slugs: the English slug is given (it is the key the loader matches on); the Turkish and Russian
# slugs are made from the names by thinktank.languages.slugify_title.

ARTICLE_TYPES = [
    {
        "slug": "analysis",
        "schema_type": "ScholarlyArticle",
        "name": {"en": "Analysis", "tr": "Analiz", "ru": "Анализ"},
    },
    {
        "slug": "commentary",
        "schema_type": "NewsArticle",
        "name": {"en": "Commentary", "tr": "Yorum", "ru": "Комментарий"},
    },
    {
        "slug": "report",
        "schema_type": "Report",
        "name": {"en": "Report", "tr": "Rapor", "ru": "Доклад"},
    },
    {
        "slug": "interview",
        "schema_type": "NewsArticle",
        "name": {"en": "Interview", "tr": "Röportaj", "ru": "Интервью"},
    },
]

TOPICS = [
    {
        "slug": "international-relations",
        "name": {
            "en": "International Relations",
            "tr": "Uluslararası İlişkiler",
            "ru": "Международные отношения",
        },
    },
    {
        "slug": "energy-security",
        "name": {
            "en": "Energy Security",
            "tr": "Enerji Güvenliği",
            "ru": "Энергетическая безопасность",
        },
    },
    {
        "slug": "security-defence",
        "name": {
            "en": "Security and Defence",
            "tr": "Güvenlik ve Savunma",
            "ru": "Безопасность и оборона",
        },
    },
    {
        "slug": "economy-trade",
        "name": {
            "en": "Economy and Trade",
            "tr": "Ekonomi ve Ticaret",
            "ru": "Экономика и торговля",
        },
    },
    {
        "slug": "migration",
        "name": {"en": "Migration", "tr": "Göç", "ru": "Миграция"},
    },
    {
        "slug": "climate-environment",
        "name": {
            "en": "Climate and Environment",
            "tr": "İklim ve Çevre",
            "ru": "Климат и окружающая среда",
        },
    },
    {
        "slug": "food-security",
        "name": {
            "en": "Food Security",
            "tr": "Gıda Güvenliği",
            "ru": "Продовольственная безопасность",
        },
    },
]

REGIONS = [
    {"slug": "europe", "name": {"en": "Europe", "tr": "Avrupa", "ru": "Европа"}},
    {
        "slug": "black-sea",
        "name": {"en": "Black Sea", "tr": "Karadeniz", "ru": "Черноморский регион"},
    },
    {
        "slug": "south-caucasus",
        "name": {"en": "South Caucasus", "tr": "Güney Kafkasya", "ru": "Южный Кавказ"},
    },
    {
        "slug": "central-asia",
        "name": {"en": "Central Asia", "tr": "Orta Asya", "ru": "Центральная Азия"},
    },
    {
        "slug": "middle-east",
        "name": {"en": "Middle East", "tr": "Orta Doğu", "ru": "Ближний Восток"},
    },
]

# --- People --------------------------------------------------------------------------------------

PEOPLE = [
    {
        "slug": "selin-aksoy",
        "honorific": "dr",
        "given_name": "Selin",
        "family_name": "Aksoy",
        "email": "selin.aksoy@meridian.example.org",
        "orcid": "0000-0003-4127-5820",
        "colour": (31, 95, 122),
        "position": {
            "en": "Senior Fellow, Energy and Climate",
            "tr": "Kıdemli Araştırmacı, Enerji ve İklim",
            "ru": "Старший научный сотрудник, энергетика и климат",
        },
        "expertise": {
            "en": "Energy security, Gas markets, Turkish foreign policy, Black Sea",
            "tr": "Enerji güvenliği, Gaz piyasaları, Türk dış politikası, Karadeniz",
            "ru": "Энергетическая безопасность, Газовые рынки, Внешняя политика Турции, Черноморский регион",
        },
        "biography": {
            "en": "<p>Dr. Selin Aksoy is a Senior Fellow at the Meridian Institute, where she leads research on energy security and the geopolitics of gas and electricity in the wider Black Sea region.</p><p>Before joining Meridian she worked for an energy regulator and taught international political economy. She holds a PhD in international relations and writes regularly on Turkish foreign policy.</p>",
            "tr": "<p>Dr. Selin Aksoy, Meridian Enstitüsü'nde kıdemli araştırmacıdır ve geniş Karadeniz bölgesinde enerji güvenliği ile gaz ve elektriğin jeopolitiği üzerine araştırmalara liderlik etmektedir.</p><p>Meridian'a katılmadan önce bir enerji düzenleme kurumunda çalışmış ve uluslararası ekonomi politik dersleri vermiştir. Uluslararası ilişkiler alanında doktora derecesine sahiptir ve Türk dış politikası üzerine düzenli olarak yazmaktadır.</p>",
            "ru": "<p>Доктор Селин Аксой — старший научный сотрудник Института «Меридиан», руководит исследованиями энергетической безопасности и геополитики газа и электроэнергии в расширенном Черноморском регионе.</p><p>До прихода в «Меридиан» она работала в энергетическом регуляторе и преподавала международную политическую экономию. Имеет степень PhD в области международных отношений и регулярно пишет о внешней политике Турции.</p>",
        },
    },
    {
        "slug": "daniel-whitcombe",
        "honorific": "prof",
        "given_name": "Daniel",
        "family_name": "Whitcombe",
        "email": "daniel.whitcombe@meridian.example.org",
        "orcid": "0000-0002-7719-0362",
        "colour": (122, 45, 52),
        "position": {
            "en": "Director, Security and Defence Programme",
            "tr": "Güvenlik ve Savunma Programı Direktörü",
            "ru": "Директор программы по безопасности и обороне",
        },
        "expertise": {
            "en": "Arms control, European security, Maritime security, Crisis management",
            "tr": "Silah kontrolü, Avrupa güvenliği, Deniz güvenliği, Kriz yönetimi",
            "ru": "Контроль над вооружениями, Европейская безопасность, Морская безопасность, Кризисное управление",
        },
        "biography": {
            "en": "<p>Professor Daniel Whitcombe directs the Security and Defence Programme at the Meridian Institute. His research covers arms control, crisis management and maritime security in Europe's neighbourhood.</p><p>He previously held a chair in strategic studies and has advised several international organisations on confidence-building measures.</p>",
            "tr": "<p>Prof. Daniel Whitcombe, Meridian Enstitüsü'nde Güvenlik ve Savunma Programı'nı yönetmektedir. Araştırmaları silah kontrolü, kriz yönetimi ve Avrupa'nın komşu bölgelerinde deniz güvenliği konularını kapsamaktadır.</p><p>Daha önce stratejik çalışmalar alanında kürsü sahibi olarak görev yapmış ve çeşitli uluslararası kuruluşlara güven artırıcı önlemler konusunda danışmanlık yapmıştır.</p>",
            "ru": "<p>Профессор Дэниел Уиткомб руководит программой по безопасности и обороне Института «Меридиан». Его исследования посвящены контролю над вооружениями, кризисному управлению и морской безопасности в соседних с Европой регионах.</p><p>Ранее он заведовал кафедрой стратегических исследований и консультировал ряд международных организаций по мерам укрепления доверия.</p>",
        },
    },
    {
        "slug": "irina-volkova",
        "honorific": "",
        "given_name": "Irina",
        "family_name": "Volkova",
        "email": "irina.volkova@meridian.example.org",
        "orcid": "0000-0001-9384-2650",
        "colour": (46, 110, 73),
        "position": {
            "en": "Research Fellow, Eurasian Economies",
            "tr": "Araştırmacı, Avrasya Ekonomileri",
            "ru": "Научный сотрудник, экономики Евразии",
        },
        "expertise": {
            "en": "Central Asian economies, Remittances, Critical raw materials, Trade policy",
            "tr": "Orta Asya ekonomileri, İşçi dövizleri, Kritik ham maddeler, Ticaret politikası",
            "ru": "Экономики Центральной Азии, Денежные переводы мигрантов, Критическое сырьё, Торговая политика",
        },
        "biography": {
            "en": "<p>Irina Volkova is a Research Fellow at the Meridian Institute working on the economies of Central Asia and the South Caucasus, with a focus on trade, remittances and natural resources.</p><p>She previously worked as an economist at a regional development bank and has conducted field research in Kazakhstan, Kyrgyzstan and Uzbekistan.</p>",
            "tr": "<p>Irina Volkova, Meridian Enstitüsü'nde Orta Asya ve Güney Kafkasya ekonomileri üzerine çalışan bir araştırmacıdır; ticaret, işçi dövizleri ve doğal kaynaklar konularına odaklanmaktadır.</p><p>Daha önce bölgesel bir kalkınma bankasında ekonomist olarak çalışmış, Kazakistan, Kırgızistan ve Özbekistan'da saha araştırmaları yürütmüştür.</p>",
            "ru": "<p>Ирина Волкова — научный сотрудник Института «Меридиан», занимается экономиками Центральной Азии и Южного Кавказа, уделяя особое внимание торговле, денежным переводам мигрантов и природным ресурсам.</p><p>Ранее она работала экономистом в региональном банке развития и проводила полевые исследования в Казахстане, Кыргызстане и Узбекистане.</p>",
        },
    },
    {
        "slug": "marta-lindqvist",
        "honorific": "dr",
        "given_name": "Marta",
        "family_name": "Lindqvist",
        "email": "marta.lindqvist@meridian.example.org",
        "orcid": "",
        "colour": (112, 84, 30),
        "position": {
            "en": "Senior Fellow, Migration and Demography",
            "tr": "Kıdemli Araştırmacı, Göç ve Demografi",
            "ru": "Старший научный сотрудник, миграция и демография",
        },
        "expertise": {
            "en": "Asylum policy, Labour migration, Climate mobility, Demography",
            "tr": "İltica politikası, İşgücü göçü, İklim kaynaklı hareketlilik, Demografi",
            "ru": "Политика убежища, Трудовая миграция, Климатическая мобильность, Демография",
        },
        "biography": {
            "en": "<p>Dr. Marta Lindqvist leads the Migration and Demography Programme at the Meridian Institute. Her work examines asylum systems, labour migration and the links between climate change and human mobility.</p><p>She has advised parliamentary committees on asylum reform and previously worked for an international humanitarian organisation in the eastern Mediterranean.</p>",
            "tr": "<p>Dr. Marta Lindqvist, Meridian Enstitüsü'nde Göç ve Demografi Programı'nı yönetmektedir. Çalışmaları iltica sistemlerini, işgücü göçünü ve iklim değişikliği ile insan hareketliliği arasındaki bağlantıları incelemektedir.</p><p>İltica reformu konusunda parlamento komisyonlarına danışmanlık yapmış, daha önce Doğu Akdeniz'de uluslararası bir insani yardım kuruluşunda çalışmıştır.</p>",
            "ru": "<p>Доктор Марта Линдквист руководит программой по миграции и демографии Института «Меридиан». Она изучает системы предоставления убежища, трудовую миграцию и связь между изменением климата и мобильностью населения.</p><p>Она консультировала парламентские комитеты по вопросам реформы убежища, а ранее работала в международной гуманитарной организации в Восточном Средиземноморье.</p>",
        },
    },
]

# --- Sources -------------------------------------------------------------------------------------
# Keyed for reference from the articles below. Each has a URL or a DOI, because that is what the
# loader (and Source.objects.matching) recognises a source by; several are cited by more than one
# article.

SOURCES = {
    "eurasian-gas-review": {
        "kind": "report",
        "title": "Caspian and Eurasian Gas Market Review 2025",
        "outlet": "International Energy Observatory",
        "place": "Vienna",
        "url": "https://www.example.com/reports/eurasian-gas-market-review-2025",
        "published_on": date(2025, 10, 14),
        "language": "en",
    },
    "southern-route-compression": {
        "kind": "news",
        "title": "Southern route operators open talks on compression upgrade",
        "authors": "Brandt, Oliver",
        "outlet": "Energy Desk Daily",
        "url": "https://news.example.org/energy/2025/11/southern-route-compression-talks",
        "published_on": date(2025, 11, 3),
        "language": "en",
    },
    "gas-contracts-journal": {
        "kind": "journal",
        "title": "Contracts, Capacity and Credibility: Long-Term Gas Supply in a Decarbonising Europe",
        "authors": "Hartmann, Lena; Özdemir, Cem",
        "outlet": "Journal of Eurasian Energy Studies",
        "volume": "14",
        "issue": "2",
        "pages": "115–142",
        "doi": "10.5555/jees.2025.0142",
        "url": "https://journals.example.org/jees/articles/2025-0142",
        "published_on": date(2025, 6, 1),
        "language": "en",
    },
    "gas-phase-out-regulation": {
        "kind": "official",
        "title": "Regulation on phasing out pipeline gas imports from the Russian Federation: consolidated text",
        "outlet": "Example Union Official Journal",
        "url": "https://law.example.net/regulations/2025/gas-import-phase-out",
        "published_on": date(2025, 12, 18),
        "language": "en",
    },
    "pipelines-and-power": {
        "kind": "book",
        "title": "Pipelines and Power: The Geopolitics of Eurasian Energy Corridors",
        "authors": "Marlow, Jonathan",
        "outlet": "Harbour University Press",
        "place": "London",
        "url": "https://press.example.com/books/pipelines-and-power",
        "doi": "10.5555/hup.2023.114",
        "published_on": date(2023, 3, 1),
        "language": "en",
    },
    "black-sea-war-risk": {
        "kind": "news",
        "title": "Insurers trim war-risk premiums for Black Sea transits",
        "authors": "Ionescu, Radu",
        "outlet": "Maritime Ledger",
        "url": "https://news.example.org/shipping/2026/01/black-sea-war-risk-premiums",
        "published_on": date(2026, 1, 19),
        "language": "en",
    },
    "grain-monitor-q4-2025": {
        "kind": "report",
        "title": "Black Sea Grain Flows: Quarterly Monitor, Q4 2025",
        "outlet": "Agricultural Trade Monitor",
        "place": "Geneva",
        "url": "https://www.example.com/monitor/black-sea-grain-flows-q4-2025",
        "published_on": date(2026, 1, 30),
        "language": "en",
    },
    "straits-convention": {
        "kind": "official",
        "title": "Convention Regarding the Regime of the Straits (Montreux, 1936): text and annexes",
        "outlet": "Treaty Archive",
        "url": "https://treaties.example.org/1936/straits-convention",
        "published_on": date(1936, 7, 20),
        "language": "en",
    },
    "littoral-states-journal": {
        "kind": "journal",
        "title": "Neutral Waters? Littoral States and Maritime Security in the Black Sea",
        "authors": "Petrova, Anna; Kaya, Emre",
        "outlet": "Maritime Security Quarterly",
        "volume": "9",
        "issue": "4",
        "pages": "401–428",
        "doi": "10.5555/msq.2025.0409",
        "published_on": date(2025, 10, 1),
        "language": "en",
    },
    "adaptation-finance-report": {
        "kind": "report",
        "title": "Adaptation Finance Flows to Central Asia, 2019–2024",
        "outlet": "Regional Development Finance Forum",
        "place": "Almaty",
        "url": "https://www.example.com/reports/adaptation-finance-central-asia-2019-2024",
        "published_on": date(2025, 9, 22),
        "language": "en",
    },
    "glacier-retreat-journal": {
        "kind": "journal",
        "title": "Glacier Retreat and Seasonal Water Stress in the Amu Darya and Syr Darya Basins",
        "authors": "Nazarova, Dilnoza; Keller, Thomas; Omarov, Azamat",
        "outlet": "Hydrology and Society",
        "volume": "31",
        "issue": "1",
        "pages": "22–47",
        "doi": "10.5555/hs.2026.0031",
        "published_on": date(2026, 1, 15),
        "language": "en",
    },
    "syr-darya-portal": {
        "kind": "web",
        "title": "Transboundary water data portal: Syr Darya basin flow records",
        "outlet": "Regional Water Data Network",
        "url": "https://data.example.org/water/syr-darya",
        "language": "en",
    },
    "dry-summer-hydropower": {
        "kind": "news",
        "title": "Dry summer cuts hydropower output across Central Asia",
        "authors": "Sadykova, Aigerim",
        "outlet": "Steppe Times",
        "url": "https://news.example.org/central-asia/2025/09/dry-summer-hydropower",
        "published_on": date(2025, 9, 8),
        "language": "en",
    },
    "remittances-brief-41": {
        "kind": "report",
        "title": "Migration and Remittances Brief No. 41",
        "outlet": "Global Development Finance Bank",
        "place": "Washington, DC",
        "url": "https://www.example.com/publications/migration-remittances-brief-41",
        "published_on": date(2025, 12, 10),
        "language": "en",
    },
    "eastern-med-review": {
        "kind": "report",
        "title": "Mixed Migration on the Eastern Mediterranean Route: 2025 Review",
        "outlet": "Mixed Migration Observatory",
        "url": "https://www.example.org/mixed-migration/eastern-mediterranean-2025",
        "published_on": date(2026, 3, 5),
        "language": "en",
    },
    "asylum-implementation-plan": {
        "kind": "official",
        "title": "Common Implementation Plan for the Asylum and Migration Framework",
        "outlet": "Example Union Commission",
        "url": "https://law.example.net/asylum/common-implementation-plan",
        "published_on": date(2025, 6, 12),
        "language": "en",
    },
    "borders-in-motion": {
        "kind": "book",
        "title": "Borders in Motion: Migration Governance in the Twenty-First Century",
        "authors": "Castellan, Maria",
        "outlet": "Northbridge Academic",
        "place": "Amsterdam",
        "url": "https://press.example.com/books/borders-in-motion",
        "published_on": date(2024, 2, 1),
        "language": "en",
    },
    "seasonal-visa-news": {
        "kind": "news",
        "title": "Labour shortages push governments to widen seasonal visa schemes",
        "authors": "Moreau, Claire",
        "outlet": "The Example Herald",
        "url": "https://www.example.com/news/2026/02/seasonal-visa-schemes",
        "published_on": date(2026, 2, 11),
        "language": "en",
    },
    "middle-power-mediation": {
        "kind": "journal",
        "title": "Middle Powers as Mediators: Leverage, Access and Trust",
        "authors": "Aydın, Zeynep",
        "outlet": "International Negotiation Review",
        "volume": "22",
        "issue": "3",
        "pages": "301–329",
        "doi": "10.5555/inr.2024.0301",
        "published_on": date(2024, 9, 1),
        "language": "en",
    },
    "ankara-talks-news": {
        "kind": "news",
        "title": "Ankara'da yeni müzakere turu: taraflar teknik komitede uzlaştı",
        "authors": "Yılmaz, Deniz",
        "outlet": "Gündem Haber",
        "url": "https://haber.example.org/dunya/2026/02/ankara-muzakere-turu",
        "published_on": date(2026, 2, 24),
        "language": "tr",
    },
    "bridges-and-brokers": {
        "kind": "book",
        "title": "Bridges and Brokers: Turkish Foreign Policy since 2002",
        "authors": "Erdem, Selçuk",
        "outlet": "Bosphorus Academic Press",
        "place": "İstanbul",
        "doi": "10.5555/bap.2022.017",
        "published_on": date(2022, 5, 1),
        "language": "en",
    },
    "mediation-unit-statement": {
        "kind": "official",
        "title": "Statement on the establishment of the Mediation and Dialogue Unit",
        "outlet": "Ministry of Foreign Affairs",
        "place": "Ankara",
        "url": "https://mfa.example.org/statements/mediation-and-dialogue-unit",
        "published_on": date(2025, 4, 3),
        "language": "en",
    },
    "critical-materials-outlook": {
        "kind": "report",
        "title": "Critical Raw Materials Outlook 2026",
        "outlet": "Centre for Industrial Strategy",
        "place": "Brussels",
        "url": "https://www.example.com/reports/critical-raw-materials-outlook-2026",
        "published_on": date(2026, 5, 20),
        "language": "en",
    },
    "critical-materials-act": {
        "kind": "official",
        "title": "Critical Raw Materials Act: explanatory memorandum",
        "outlet": "Example Union Commission",
        "url": "https://law.example.net/industry/critical-raw-materials-act",
        "published_on": date(2024, 5, 21),
        "language": "en",
    },
    "battery-forum-news": {
        "kind": "news",
        "title": "Central Asian ministers court battery makers at Brussels forum",
        "authors": "Brandt, Oliver",
        "outlet": "Energy Desk Daily",
        "url": "https://news.example.org/industry/2026/06/central-asia-battery-forum",
        "published_on": date(2026, 6, 18),
        "language": "en",
    },
    "processing-bottlenecks": {
        "kind": "journal",
        "title": "Processing Bottlenecks in Critical Mineral Supply Chains",
        "authors": "Lindgren, Per; Mukanov, Yerlan",
        "outlet": "Resources and Industry Letters",
        "volume": "58",
        "issue": "1",
        "pages": "77–96",
        "doi": "10.5555/ril.2026.0077",
        "published_on": date(2026, 3, 1),
        "language": "en",
    },
    "after-the-treaties": {
        "kind": "journal",
        "title": "After the Treaties: Informal Arms Control and Risk Reduction in Europe",
        "authors": "Novak, Petra; Holloway, James",
        "outlet": "Strategic Studies Review",
        "volume": "67",
        "issue": "5",
        "pages": "51–74",
        "doi": "10.5555/ssr.2025.0551",
        "published_on": date(2025, 10, 1),
        "language": "en",
    },
    "risk-reduction-primer": {
        "kind": "web",
        "title": "Military risk-reduction measures: a primer",
        "outlet": "Centre for Arms Control Studies",
        "url": "https://www.example.org/arms-control/risk-reduction-primer",
        "published_on": date(2025, 3, 10),
        "language": "en",
    },
    "hotline-test-news": {
        "kind": "news",
        "title": "Military hotline between capitals tested for first time in three years",
        "authors": "Fischer, Anna",
        "outlet": "The Example Herald",
        "url": "https://www.example.com/news/2026/04/military-hotline-test",
        "published_on": date(2026, 4, 27),
        "language": "en",
    },
    "remittances-insurance-journal": {
        "kind": "journal",
        "title": "Remittances as Insurance: Household Resilience in Central Asia",
        "authors": "Rakhimov, Bakhtiyor; Schultz, Miriam",
        "outlet": "Journal of Migration and Development Economics",
        "volume": "12",
        "issue": "2",
        "pages": "188–210",
        "doi": "10.5555/jmde.2025.0188",
        "published_on": date(2025, 4, 1),
        "language": "en",
    },
    "fx-monthly-averages": {
        "kind": "web",
        "title": "Exchange rates: monthly averages for regional currencies",
        "outlet": "Regional Statistics Portal",
        "url": "https://data.example.org/fx/monthly-averages",
        "language": "en",
    },
    "black-sea-cable-study": {
        "kind": "report",
        "title": "Black Sea Submarine Cable: Feasibility Study Summary",
        "outlet": "Regional Grid Association",
        "place": "Tbilisi",
        "url": "https://www.example.com/grid/black-sea-submarine-cable-feasibility",
        "published_on": date(2025, 11, 27),
        "language": "en",
    },
    "grid-sync-news": {
        "kind": "news",
        "title": "Grid operators sign memorandum on synchronous operation",
        "authors": "Gelashvili, Nino",
        "outlet": "Caucasus Energy Review",
        "url": "https://news.example.org/energy/2026/03/grid-synchronisation-memorandum",
        "published_on": date(2026, 3, 16),
        "language": "en",
    },
}

# --- Articles ------------------------------------------------------------------------------------
# state: "published" (at ``publish_at``, a past time in UTC), "scheduled" (ten days after the load)
# or "draft". ``slug`` is the English slug, which the loader matches on; the other languages' slugs
# are made from their titles.

ARTICLES = [
    {
        "slug": "caspian-gas-europe-supply-security",
        "type": "analysis",
        "original_language": "en",
        "topics": ["energy-security", "international-relations"],
        "regions": ["south-caucasus", "europe"],
        "authors": ["selin-aksoy", "irina-volkova"],
        "featured": True,
        "state": "published",
        "publish_at": datetime(2026, 2, 17, 9, 0),
        "title": {
            "en": "Caspian Gas and Europe's Supply Security: Beyond the Pipeline Debate",
            "tr": "Hazar Gazı ve Avrupa'nın Arz Güvenliği: Boru Hattı Tartışmasının Ötesinde",
            "ru": "Каспийский газ и энергобезопасность Европы: за пределами спора о трубопроводах",
        },
        "summary": {
            "en": "Europe's search for non-Russian gas has revived interest in Caspian supplies. Volumes will stay modest; their real value lies in contracts, interconnection and the flexibility they add to a shrinking market.",
            "tr": "Avrupa'nın Rus gazına alternatif arayışı Hazar kaynaklarına ilgiyi yeniden canlandırdı. Hacimler sınırlı kalacak; asıl değer sözleşmelerde, bağlantılarda ve küçülen bir pazara kazandırdıkları esneklikte yatıyor.",
            "ru": "Поиск Европой альтернатив российскому газу возродил интерес к каспийским поставкам. Объёмы останутся скромными; их главная ценность — в контрактах, связанности сетей и гибкости, которую они добавляют сокращающемуся рынку.",
        },
        "body": {
            "en": [
                "Few energy corridors have been announced, re-announced and written off as often as the southern route that carries Caspian gas towards Europe. Since 2022, however, the debate has shifted from whether the corridor matters to how much it can realistically deliver. Preliminary figures show Caspian exports to European buyers rising for a third consecutive year, though from a low base.[^1]",
                "The physical constraints are well understood. Pipeline capacity along the route is largely booked, and expansion depends on long-term commitments that European buyers are reluctant to sign while they expect their own demand to fall. Operators have opened talks on adding compression rather than new lines, a cheaper option that would lift throughput by roughly a fifth.[^2]",
                "## Contracts, not pipes",
                "The central obstacle is contractual. Producers need ten- to fifteen-year offtake agreements to finance upstream development; European utilities, facing decarbonisation targets, prefer shorter and more flexible deals. Recent research suggests that this mismatch, rather than geology or geopolitics, explains most of the delay in new Caspian projects.[^3] A hybrid model, with shorter contracts backed by public guarantees for the tail years, deserves serious attention.",
                "Regulation is moving in the same direction. The phase-out of the remaining pipeline imports from Russia, now written into European law, gives Caspian suppliers a clearer market window until the early 2030s.[^4] It also creates an incentive to lock in volumes before demand declines, an incentive that cuts both ways for the negotiators on each side of the table.",
                "History counsels modesty. Earlier waves of enthusiasm for Eurasian pipelines produced more memoranda than molecules, and the lesson of those years is that corridors succeed when they become commercially boring.[^5] Caspian gas will not replace the volumes Europe has lost, but as a flexible, contract-backed supplement it can make the system harder to coerce. That is a more modest goal than the rhetoric suggests, and a more achievable one.",
            ],
            "tr": [
                "Hazar gazını Avrupa'ya taşıyan güney güzergâhı kadar sık ilan edilen, yeniden gündeme gelen ve gözden çıkarılan az sayıda enerji koridoru vardır. Ancak 2022'den bu yana tartışma, koridorun önemli olup olmadığından ne kadar gaz taşıyabileceğine kaydı. Ön veriler, Avrupalı alıcılara yapılan Hazar ihracatının düşük bir tabandan da olsa üst üste üçüncü yıl arttığını gösteriyor.[^1]",
                "Fiziki kısıtlar iyi biliniyor. Güzergâhtaki boru hattı kapasitesinin büyük bölümü rezerve edilmiş durumda ve genişleme, kendi taleplerinin düşmesini bekleyen Avrupalı alıcıların imzalamaya isteksiz olduğu uzun vadeli taahhütlere bağlı. İşletmeciler yeni hatlar yerine kompresör istasyonları eklenmesi için görüşmelere başladı; bu daha ucuz seçenek taşıma kapasitesini yaklaşık beşte bir oranında artırabilir.[^2]",
                "## Mesele borular değil, sözleşmeler",
                "Asıl engel sözleşmelerle ilgili. Üreticiler, saha geliştirmeyi finanse edebilmek için on ila on beş yıllık alım anlaşmalarına ihtiyaç duyuyor; karbonsuzlaşma hedefleriyle karşı karşıya olan Avrupa şirketleri ise daha kısa ve esnek anlaşmaları tercih ediyor. Son araştırmalar, yeni Hazar projelerindeki gecikmenin büyük kısmını jeoloji ya da jeopolitikten çok bu uyumsuzluğun açıkladığını ortaya koyuyor.[^3] Son yıllar için kamu garantileriyle desteklenen daha kısa sözleşmelere dayalı melez bir model ciddi biçimde değerlendirilmeyi hak ediyor.",
                "Düzenlemeler de aynı yönde ilerliyor. Rusya'dan kalan boru hattı ithalatının aşamalı olarak sona erdirilmesinin Avrupa hukukuna yazılması, Hazar tedarikçilerine 2030'ların başına kadar daha net bir pazar penceresi sunuyor.[^4] Bu durum, talep düşmeden önce hacimleri güvenceye alma yönünde bir teşvik de yaratıyor; bu teşvik masanın her iki tarafındaki müzakereciler için iki yönlü işliyor.",
                "Tarih ölçülü olmayı öğütlüyor. Avrasya boru hatlarına yönelik önceki heves dalgaları molekülden çok mutabakat zaptı üretti ve o yılların dersi, koridorların ticari açıdan sıradanlaştıklarında başarılı olduğudur.[^5] Hazar gazı Avrupa'nın kaybettiği hacimlerin yerini tutmayacak; ancak esnek ve sözleşmelerle desteklenen bir tamamlayıcı olarak sistemi baskıya karşı daha dayanıklı kılabilir. Bu, söylemin ima ettiğinden daha mütevazı ama daha ulaşılabilir bir hedef.",
            ],
            "ru": [
                "Немногие энергетические коридоры объявлялись, переобъявлялись и списывались со счетов так часто, как южный маршрут, по которому каспийский газ идёт в Европу. Однако с 2022 года спор сместился с вопроса о том, важен ли коридор, к вопросу о том, сколько газа он реально способен поставить. Предварительные данные показывают, что экспорт каспийского газа европейским покупателям растёт третий год подряд, хотя и с низкой базы.[^1]",
                "Физические ограничения хорошо известны. Мощности трубопроводов на маршруте в основном забронированы, а их расширение зависит от долгосрочных обязательств, которые европейские покупатели не спешат брать на себя, ожидая снижения собственного спроса. Операторы начали переговоры о дополнительных компрессорных станциях вместо новых ниток — более дешёвом варианте, который увеличил бы пропускную способность примерно на пятую часть.[^2]",
                "## Дело в контрактах, а не в трубах",
                "Главное препятствие — договорное. Производителям нужны соглашения об отборе газа на десять–пятнадцать лет, чтобы финансировать освоение месторождений; европейские компании, связанные целями декарбонизации, предпочитают более короткие и гибкие сделки. Недавние исследования показывают, что именно это несоответствие, а не геология или геополитика, объясняет большую часть задержек новых каспийских проектов.[^3] Гибридная модель — более короткие контракты с государственными гарантиями на последние годы — заслуживает серьёзного рассмотрения.",
                "Регулирование движется в том же направлении. Поэтапный отказ от оставшегося трубопроводного импорта из России, закреплённый теперь в европейском праве, открывает каспийским поставщикам более определённое рыночное окно до начала 2030-х годов.[^4] Одновременно возникает стимул закрепить объёмы до снижения спроса, и этот стимул действует в обе стороны переговорного стола.",
                "История учит скромности. Прежние волны энтузиазма вокруг евразийских трубопроводов породили больше меморандумов, чем кубометров, и урок тех лет состоит в том, что коридоры успешны тогда, когда становятся коммерчески скучными.[^5] Каспийский газ не заменит объёмов, которые потеряла Европа, но как гибкое дополнение, подкреплённое контрактами, он может сделать систему менее уязвимой для давления. Это более скромная цель, чем предполагает риторика, но и более достижимая.",
            ],
        },
        "highlights": [
            {
                "en": "Caspian gas exports to Europe have risen for three years running, but from a low base.",
                "tr": "Avrupa'ya yapılan Hazar gazı ihracatı üç yıldır artıyor, ancak düşük bir tabandan.",
                "ru": "Экспорт каспийского газа в Европу растёт три года подряд, но с низкой базы.",
            },
            {
                "en": "Long-term contracts, not pipeline capacity, are the main bottleneck for new supply.",
                "tr": "Yeni arz önündeki başlıca darboğaz boru hattı kapasitesi değil, uzun vadeli sözleşmeler.",
                "ru": "Главное узкое место для новых поставок — долгосрочные контракты, а не мощность трубопроводов.",
            },
            {
                "en": "The value of Caspian gas lies in flexibility and resilience rather than volume.",
                "tr": "Hazar gazının değeri hacimde değil, esneklik ve dayanıklılıkta yatıyor.",
                "ru": "Ценность каспийского газа — в гибкости и устойчивости, а не в объёмах.",
            },
        ],
        "citations": [
            {
                "source": "eurasian-gas-review",
                "accessed_on": date(2026, 1, 20),
                "locator": "pp. 18–21",
                "note": {
                    "en": "Figures for 2025 are preliminary.",
                    "tr": "2025 rakamları ön veridir.",
                    "ru": "Данные за 2025 год предварительные.",
                },
            },
            {"source": "southern-route-compression", "accessed_on": date(2026, 1, 22)},
            {
                "source": "gas-contracts-journal",
                "accessed_on": date(2026, 1, 26),
                "locator": "pp. 128–133",
            },
            {
                "source": "gas-phase-out-regulation",
                "accessed_on": date(2026, 2, 2),
                "locator": "Art. 3",
            },
            {"source": "pipelines-and-power", "accessed_on": date(2026, 2, 5), "locator": "ch. 6"},
        ],
    },
    {
        "slug": "black-sea-needs-rules-not-just-patrols",
        "type": "commentary",
        "original_language": "en",
        "topics": ["security-defence", "food-security"],
        "regions": ["black-sea"],
        "authors": ["daniel-whitcombe"],
        "featured": False,
        "state": "published",
        "publish_at": datetime(2026, 4, 8, 8, 30),
        "title": {
            "en": "The Black Sea Needs Rules, Not Just Patrols",
            "tr": "Karadeniz'in Devriyelerden Fazlasına, Kurallara İhtiyacı Var",
            "ru": "Чёрному морю нужны правила, а не только патрули",
        },
        "summary": {
            "en": "Commercial shipping in the Black Sea has recovered faster than the rules that govern it. Littoral states should agree on incident-prevention and insurance mechanisms before the next crisis tests them.",
            "tr": "Karadeniz'deki ticari deniz taşımacılığı, onu yöneten kurallardan daha hızlı toparlandı. Kıyıdaş devletler, bir sonraki kriz bu mekanizmaları sınamadan önce olay önleme ve sigorta düzenlemeleri üzerinde uzlaşmalı.",
            "ru": "Торговое судоходство на Чёрном море восстановилось быстрее, чем правила, которые его регулируют. Прибрежным государствам следует договориться о механизмах предотвращения инцидентов и страхования до того, как их проверит следующий кризис.",
        },
        "body": {
            "en": [
                "Traffic through the Black Sea has returned to levels few forecasters expected two years ago. Grain, fertiliser and steel move again along the western coast, and insurers have cut war-risk premiums for several routes, although they remain well above pre-war levels.[^1]",
                "The recovery has been built on improvisation: national naval escorts, ad hoc corridors and bilateral understandings that were never written down. That worked while every party had an overriding interest in keeping exports flowing. Quarterly trade data show that grain volumes remain sensitive to even minor incidents, with shipments falling sharply in the weeks after reported mine sightings.[^2]",
                "The legal framework is older and narrower than many assume. The 1936 convention governing passage through the Turkish Straits regulates warships in peace and war, but says nothing about drifting mines, drone attacks on merchant vessels or the insurance of cargoes.[^3] It has served Türkiye and the region well precisely because it is limited; it should not be asked to carry burdens it was never designed for.",
                "What the region lacks is a set of practical, low-visibility arrangements among the littoral states: shared notification of hazardous areas, a joint information cell on mine countermeasures and a standing mechanism for investigating incidents at sea. Scholars of maritime security have pointed out that such measures tend to survive political crises better than grand treaties, because they serve each participant's own interest.[^4]",
                "None of this replaces deterrence, and patrols will remain necessary. But patrols without rules leave every incident open to competing interpretations. A modest rulebook agreed now would cost little and could keep the next collision, accidental or not, from becoming a crisis.",
            ],
            "tr": [
                "Karadeniz'deki trafik, iki yıl önce pek az tahminçinin öngördüğü seviyelere geri döndü. Tahıl, gübre ve çelik yeniden batı kıyısı boyunca taşınıyor; sigortacılar birkaç güzergâh için savaş riski primlerini düşürdü, ancak primler hâlâ savaş öncesi düzeyin oldukça üzerinde.[^1]",
                "Bu toparlanma doğaçlamaya dayanıyor: ulusal deniz kuvvetlerinin refakati, geçici koridorlar ve hiçbir zaman yazıya dökülmemiş ikili mutabakatlar. Bu yöntem, tüm tarafların ihracatın sürmesinde ağır basan bir çıkarı olduğu sürece işe yaradı. Çeyreklik ticaret verileri, tahıl sevkiyatlarının küçük olaylara bile duyarlı olduğunu, mayın görüldüğüne dair haberlerin ardından gelen haftalarda sevkiyatların keskin biçimde düştüğünü gösteriyor.[^2]",
                "Hukuki çerçeve, pek çok kişinin sandığından daha eski ve daha dar. Türk Boğazlarından geçişi düzenleyen 1936 tarihli sözleşme, savaş gemilerinin barış ve savaş zamanındaki geçişini düzenler; ancak sürüklenen mayınlar, ticari gemilere yönelik insansız araç saldırıları ya da yüklerin sigortası hakkında hiçbir şey söylemez.[^3] Sözleşme, tam da sınırlı olduğu için Türkiye'ye ve bölgeye iyi hizmet etti; ondan hiçbir zaman taşımak üzere tasarlanmadığı yükleri taşıması beklenmemeli.",
                "Bölgenin eksik olduğu şey, kıyıdaş devletler arasında pratik ve göze batmayan düzenlemelerdir: tehlikeli alanların ortak bildirimi, mayın karşı tedbirlerine ilişkin ortak bir bilgi hücresi ve denizdeki olayların soruşturulması için kalıcı bir mekanizma. Deniz güvenliği araştırmacıları, bu tür önlemlerin her katılımcının kendi çıkarına hizmet ettiği için siyasi krizleri büyük antlaşmalardan daha iyi atlattığına dikkat çekiyor.[^4]",
                "Bunların hiçbiri caydırıcılığın yerini tutmaz; devriyeler gerekli olmaya devam edecek. Ancak kuralsız devriyeler, her olayı birbiriyle çelişen yorumlara açık bırakır. Bugün üzerinde uzlaşılacak mütevazı bir kural kitabı az maliyetli olur ve kazara ya da kasıtlı bir sonraki çarpışmanın krize dönüşmesini önleyebilir.",
            ],
            "ru": [
                "Движение судов по Чёрному морю вернулось к уровням, которые два года назад мало кто предсказывал. Зерно, удобрения и сталь снова идут вдоль западного побережья, а страховщики снизили премии за военный риск на ряде маршрутов, хотя они по-прежнему значительно выше довоенных.[^1]",
                "Восстановление держится на импровизации: национальном военно-морском сопровождении, временных коридорах и двусторонних договорённостях, которые никогда не были записаны. Это работало, пока у всех сторон был первостепенный интерес в сохранении экспорта. Квартальные торговые данные показывают, что поставки зерна остаются чувствительными даже к незначительным инцидентам: после сообщений об обнаружении мин отгрузки в течение нескольких недель резко падают.[^2]",
                "Правовая база старше и уже, чем многие полагают. Конвенция 1936 года о режиме Черноморских проливов регулирует проход военных кораблей в мирное и военное время, но ничего не говорит о дрейфующих минах, атаках беспилотников на торговые суда или страховании грузов.[^3] Она хорошо служила Турции и региону именно потому, что ограничена; не стоит требовать от неё того, для чего она никогда не предназначалась.",
                "Региону не хватает набора практических, малозаметных договорённостей между прибрежными государствами: совместного оповещения об опасных районах, общей информационной ячейки по противоминным мерам и постоянного механизма расследования инцидентов на море. Исследователи морской безопасности отмечают, что такие меры переживают политические кризисы лучше громких договоров, поскольку отвечают собственным интересам каждого участника.[^4]",
                "Ничто из этого не заменяет сдерживания, и патрули останутся необходимыми. Но патрули без правил оставляют каждый инцидент открытым для противоречивых толкований. Скромный свод правил, согласованный сейчас, обошёлся бы недорого и мог бы не дать следующему столкновению — случайному или нет — перерасти в кризис.",
            ],
        },
        "highlights": [
            {
                "en": "Black Sea shipping has recovered faster than the rules that govern it.",
                "tr": "Karadeniz'de deniz taşımacılığı, onu yöneten kurallardan daha hızlı toparlandı.",
                "ru": "Судоходство на Чёрном море восстановилось быстрее, чем правила, которые его регулируют.",
            },
            {
                "en": "The 1936 Straits convention should not be stretched to cover drones and drifting mines.",
                "tr": "1936 Boğazlar sözleşmesi, insansız araçları ve sürüklenen mayınları kapsayacak şekilde zorlanmamalı.",
                "ru": "Конвенцию 1936 года о проливах не следует растягивать на беспилотники и дрейфующие мины.",
            },
            {
                "en": "Littoral states need hazard notification, shared mine-clearance data and joint incident investigation.",
                "tr": "Kıyıdaş devletlerin tehlike bildirimine, mayın temizleme verilerinin paylaşımına ve ortak olay soruşturmasına ihtiyacı var.",
                "ru": "Прибрежным государствам нужны оповещение об опасностях, обмен данными о разминировании и совместное расследование инцидентов.",
            },
        ],
        "citations": [
            {"source": "black-sea-war-risk", "accessed_on": date(2026, 3, 10)},
            {
                "source": "grain-monitor-q4-2025",
                "accessed_on": date(2026, 3, 12),
                "locator": "p. 7",
            },
            {
                "source": "straits-convention",
                "accessed_on": date(2026, 3, 15),
                "locator": "Arts. 10–18",
            },
            {
                "source": "littoral-states-journal",
                "accessed_on": date(2026, 3, 18),
                "locator": "pp. 415–420",
            },
        ],
    },
    {
        "slug": "paying-for-adaptation-central-asia",
        "type": "report",
        "original_language": "en",
        "topics": ["climate-environment", "economy-trade"],
        "regions": ["central-asia"],
        "authors": ["marta-lindqvist", "irina-volkova"],
        "featured": True,
        "state": "published",
        "publish_at": datetime(2026, 6, 2, 7, 0),
        "title": {
            "en": "Paying for Adaptation: Water, Climate and Finance in Central Asia",
            "tr": "Uyumun Bedeli: Orta Asya'da Su, İklim ve Finansman",
        },
        "summary": {
            "en": "Central Asia's river basins are warming faster than the global average, yet the adaptation finance reaching the region remains small and fragmented. This report maps the gap and proposes a basin-level approach to closing it.",
            "tr": "Orta Asya'nın nehir havzaları küresel ortalamadan daha hızlı ısınıyor; ancak bölgeye ulaşan uyum finansmanı küçük ve dağınık kalıyor. Bu rapor, açığın boyutunu ortaya koyuyor ve onu kapatmak için havza düzeyinde bir yaklaşım öneriyor.",
        },
        "body": {
            "en": [
                "Central Asia depends on two rivers, the Amu Darya and the Syr Darya, fed largely by glaciers and snowpack in the Pamir and Tien Shan mountains. Both are changing. Glacier mass in the upper basins has declined steadily over the past three decades, and models project more variable seasonal flows, with earlier spring peaks and drier late summers.[^1]",
                "The consequences are already visible. A dry summer in 2025 reduced hydropower output across the region and forced emergency electricity imports in at least two countries.[^2] Basin data published by regional water agencies show summer flows in the middle Syr Darya below the long-term average in four of the past six years.[^3]",
                "## A financing gap",
                "Against this background, adaptation finance remains modest. Between 2019 and 2024 the region received on average less than a tenth of the adaptation funding its exposure would suggest, and most of it came as small, project-based grants with short horizons.[^4] Irrigation rehabilitation, which could save the largest volumes of water, attracted the least money because it offers few revenues that lenders can recognise.",
                "Households are adapting on their own, often through migration. Money sent home by workers abroad now covers a significant share of household spending in rural areas, and surveys suggest it is increasingly used to absorb losses from drought.[^5] This private adaptation is real but fragile: it depends on labour markets abroad and does little to maintain shared infrastructure.",
                "We recommend that donors and governments shift from projects to basins. A basin-level adaptation facility, governed jointly by the riparian states and funded together by development banks, could pool small grants, finance irrigation efficiency at scale and link water releases to agreed seasonal plans. The institutional groundwork exists; what is missing is the money and the political decision to use it together.",
            ],
            "tr": [
                "Orta Asya, büyük ölçüde Pamir ve Tiyanşan dağlarındaki buzullar ve kar örtüsüyle beslenen iki nehre, Amuderya ve Siriderya'ya bağımlıdır. Her ikisi de değişiyor. Yukarı havzalardaki buzul kütlesi son otuz yılda istikrarlı biçimde azaldı; modeller daha erken bahar taşkınları ve daha kurak yaz sonlarıyla birlikte daha değişken mevsimsel akışlar öngörüyor.[^1]",
                "Sonuçlar şimdiden görülüyor. 2025'teki kurak yaz, bölge genelinde hidroelektrik üretimini düşürdü ve en az iki ülkeyi acil elektrik ithalatına zorladı.[^2] Bölgesel su kurumlarının yayımladığı havza verileri, orta Siriderya'daki yaz akışlarının son altı yılın dördünde uzun dönem ortalamasının altında kaldığını gösteriyor.[^3]",
                "## Finansman açığı",
                "Bu tabloya karşın uyum finansmanı sınırlı kalıyor. 2019-2024 döneminde bölge, maruz kaldığı riskin gerektirdiği uyum fonlarının ortalama onda birinden azını aldı; bunun büyük kısmı da kısa vadeli, küçük ve proje bazlı hibeler biçimindeydi.[^4] En büyük su tasarrufunu sağlayabilecek sulama sistemlerinin yenilenmesi, kredi verenlerin tanıyabileceği gelirler sunmadığı için en az kaynağı çekti.",
                "Haneler, çoğu zaman göç yoluyla, kendi başlarına uyum sağlıyor. Yurt dışındaki işçilerin gönderdiği para artık kırsal bölgelerde hane harcamalarının önemli bir bölümünü karşılıyor ve anketler bu paranın giderek daha fazla kuraklık kayıplarını telafi etmek için kullanıldığını gösteriyor.[^5] Bu özel uyum gerçek ama kırılgan: yurt dışındaki işgücü piyasalarına bağlı ve ortak altyapının korunmasına pek katkı sağlamıyor.",
                "Bağışçıların ve hükümetlerin projelerden havzalara geçmesini öneriyoruz. Kıyıdaş devletlerce ortaklaşa yönetilen ve kalkınma bankalarınca birlikte finanse edilen havza düzeyinde bir uyum fonu, küçük hibeleri bir araya getirebilir, sulama verimliliğini geniş ölçekte finanse edebilir ve su salımlarını üzerinde uzlaşılmış mevsimsel planlara bağlayabilir. Kurumsal zemin mevcut; eksik olan para ve onu birlikte kullanma yönündeki siyasi karar.",
            ],
        },
        "highlights": [
            {
                "en": "Glacier loss is making river flows in Central Asia more variable and summers drier.",
                "tr": "Buzul kaybı, Orta Asya'daki nehir akışlarını daha değişken, yazları daha kurak hâle getiriyor.",
            },
            {
                "en": "The region receives a small fraction of the adaptation finance its exposure would justify.",
                "tr": "Bölge, maruz kaldığı riskin gerektirdiği uyum finansmanının yalnızca küçük bir kısmını alıyor.",
            },
            {
                "en": "Remittances act as private adaptation finance but cannot maintain shared infrastructure.",
                "tr": "İşçi dövizleri özel bir uyum finansmanı işlevi görüyor, ancak ortak altyapıyı ayakta tutamıyor.",
            },
            {
                "en": "A jointly governed basin-level facility could pool funds and finance irrigation efficiency at scale.",
                "tr": "Ortaklaşa yönetilen havza düzeyinde bir fon, kaynakları birleştirip sulama verimliliğini geniş ölçekte finanse edebilir.",
            },
        ],
        "citations": [
            {
                "source": "glacier-retreat-journal",
                "accessed_on": date(2026, 5, 4),
                "locator": "pp. 30–36",
            },
            {"source": "dry-summer-hydropower", "accessed_on": date(2026, 5, 6)},
            {
                "source": "syr-darya-portal",
                "accessed_on": date(2026, 5, 7),
                "note": {
                    "en": "Gauging station data for 2020–2025, downloaded by the authors.",
                    "tr": "2020-2025 dönemine ait ölçüm istasyonu verileri yazarlar tarafından indirilmiştir.",
                },
            },
            {
                "source": "adaptation-finance-report",
                "accessed_on": date(2026, 5, 11),
                "locator": "table 2",
            },
            {"source": "remittances-brief-41", "accessed_on": date(2026, 5, 12), "locator": "p. 9"},
        ],
    },
    {
        "slug": "interview-marta-lindqvist-asylum-rules",
        "type": "interview",
        "original_language": "en",
        "topics": ["migration"],
        "regions": ["europe", "middle-east"],
        "authors": ["marta-lindqvist"],
        "featured": False,
        "state": "published",
        "publish_at": datetime(2026, 7, 21, 10, 0),
        "title": {
            "en": "Interview: Marta Lindqvist on Europe's New Asylum Rules",
            "tr": "Röportaj: Marta Lindqvist ile Avrupa'nın Yeni İltica Kuralları Üzerine",
        },
        "summary": {
            "en": "Europe's new asylum framework enters its implementation phase this year. Marta Lindqvist, who leads Meridian's migration programme, discusses what will change at the borders, what will not, and why labour migration deserves equal attention.",
            "tr": "Avrupa'nın yeni iltica çerçevesi bu yıl uygulama aşamasına giriyor. Meridian'ın göç programını yöneten Marta Lindqvist, sınırlarda neyin değişeceğini, neyin değişmeyeceğini ve işgücü göçünün neden eşit ilgiyi hak ettiğini anlatıyor.",
        },
        "body": {
            "en": [
                "Arrivals along the eastern Mediterranean route fell in 2025 for the first time in four years, but the profile of those arriving has changed, with more families and more people from countries with low recognition rates.[^1] Against this background, Europe's common asylum framework moves from negotiation to practice. We spoke with Dr. Marta Lindqvist, who leads Meridian's Migration and Demography Programme.",
                "<strong>What changes first when the new framework takes effect?</strong>",
                "The border procedure. People from countries with low recognition rates will have their claims examined within weeks, in facilities near the external border. The implementation plan sets ambitious capacity targets, and most member states are behind on them.[^2] Speed matters, but only if decisions are fair; a fast procedure whose decisions are overturned on appeal saves nothing.",
                "<strong>Critics say the framework is mostly about deterrence. Do you agree?</strong>",
                "Partly. Every asylum system combines protection and control, and this one leans towards control. But research on migration governance is clear that deterrence alone rarely changes movement patterns for long; it redirects people towards more dangerous routes.[^3] The framework will be judged on whether it delivers solidarity between member states, not only on the number of arrivals.",
                "<strong>What is missing from the debate?</strong>",
                "Labour migration. Several governments are quietly expanding seasonal and skilled-worker visas because employers cannot fill vacancies.[^4] Yet these schemes are still designed as if migration were temporary. Migration policy works best when it stops pretending to be temporary and plans for people who will stay, learn the language and raise children.",
            ],
            "tr": [
                "Doğu Akdeniz güzergâhındaki gelişler 2025'te dört yıl sonra ilk kez azaldı; ancak gelenlerin profili değişti: daha fazla aile ve tanınma oranı düşük ülkelerden daha fazla kişi yola çıkıyor.[^1] Bu tablo karşısında Avrupa'nın ortak iltica çerçevesi müzakereden uygulamaya geçiyor. Meridian'ın Göç ve Demografi Programı'nı yöneten Dr. Marta Lindqvist ile konuştuk.",
                "<strong>Yeni çerçeve yürürlüğe girdiğinde ilk ne değişecek?</strong>",
                "Sınır prosedürü. Tanınma oranı düşük ülkelerden gelen kişilerin başvuruları, dış sınıra yakın tesislerde birkaç hafta içinde incelenecek. Uygulama planı iddialı kapasite hedefleri koyuyor ve üye devletlerin çoğu bu hedeflerin gerisinde.[^2] Hız önemli, ama yalnızca kararlar adil olduğunda; kararları itirazda bozulan hızlı bir prosedür hiçbir şey kazandırmaz.",
                "<strong>Eleştirmenler çerçevenin esas olarak caydırıcılıkla ilgili olduğunu söylüyor. Katılıyor musunuz?</strong>",
                "Kısmen. Her iltica sistemi koruma ile denetimi bir araya getirir ve bu sistem denetime doğru eğilim gösteriyor. Ancak göç yönetişimi üzerine yapılan araştırmalar, caydırıcılığın tek başına göç örüntülerini uzun süre nadiren değiştirdiğini, bunun yerine insanları daha tehlikeli güzergâhlara yönlendirdiğini açıkça gösteriyor.[^3] Çerçeve yalnızca geliş sayılarıyla değil, üye devletler arasında dayanışma sağlayıp sağlamadığıyla da değerlendirilecek.",
                "<strong>Tartışmada eksik olan ne?</strong>",
                "İşgücü göçü. İşverenler açık pozisyonları dolduramadığı için birçok hükümet mevsimlik ve nitelikli işçi vizelerini sessizce genişletiyor.[^4] Yine de bu programlar hâlâ göç geçiciymiş gibi tasarlanıyor. Göç politikası, geçici olduğu varsayımını bıraktığında ve kalacak, dili öğrenecek ve çocuk yetiştirecek insanlar için plan yaptığında en iyi sonucu verir.",
            ],
        },
        "highlights": [
            {
                "en": "Arrivals on the eastern Mediterranean route fell in 2025, but more families are now on the move.",
                "tr": "Doğu Akdeniz güzergâhındaki gelişler 2025'te azaldı, ancak artık daha fazla aile yolda.",
            },
            {
                "en": "A fast border procedure saves nothing if its decisions are overturned on appeal.",
                "tr": "Kararları itirazda bozulan hızlı bir sınır prosedürü hiçbir şey kazandırmaz.",
            },
            {
                "en": "Deterrence alone tends to redirect migration towards more dangerous routes rather than stop it.",
                "tr": "Caydırıcılık tek başına göçü durdurmaktan çok daha tehlikeli güzergâhlara yönlendirir.",
            },
            {
                "en": "Labour migration schemes should plan for people who stay, not only for seasonal workers.",
                "tr": "İşgücü göçü programları yalnızca mevsimlik işçiler için değil, kalıcı olacak insanlar için de plan yapmalı.",
            },
        ],
        "citations": [
            {"source": "eastern-med-review", "accessed_on": date(2026, 7, 1), "locator": "pp. 4–6"},
            {
                "source": "asylum-implementation-plan",
                "accessed_on": date(2026, 7, 2),
                "locator": "annex I",
            },
            {"source": "borders-in-motion", "accessed_on": date(2026, 7, 6), "locator": "ch. 3"},
            {"source": "seasonal-visa-news", "accessed_on": date(2026, 7, 8)},
        ],
    },
    {
        "slug": "turkiye-mediation-diplomacy-leverage-access-trust",
        "type": "analysis",
        "original_language": "tr",
        "topics": ["international-relations", "food-security"],
        "regions": ["black-sea", "middle-east"],
        "authors": ["selin-aksoy"],
        "featured": False,
        "state": "published",
        "publish_at": datetime(2026, 5, 12, 9, 30),
        "title": {
            "tr": "Türkiye'nin Arabuluculuk Diplomasisi: Kaldıraç, Erişim ve Güven",
            "en": "Türkiye's Mediation Diplomacy: Leverage, Access and Trust",
            "ru": "Посредническая дипломатия Турции: рычаги, доступ и доверие",
        },
        "summary": {
            "tr": "Türkiye, son yıllarda bölgesel krizlerde aranan bir arabulucu hâline geldi. Bu başarının temelleri kalıcı mı, yoksa belirli bir konjonktürün ürünü mü?",
            "en": "Türkiye has become a sought-after mediator in regional crises. Are the foundations of this success durable, or the product of a particular moment?",
            "ru": "Турция стала востребованным посредником в региональных кризисах. Долговечны ли основы этого успеха или они порождены особым стечением обстоятельств?",
        },
        "body": {
            "tr": [
                "Son on yılda Türkiye, tahıl sevkiyatlarından esir takaslarına kadar uzanan bir dizi müzakerede ev sahibi ve kolaylaştırıcı rolü üstlendi. Orta büyüklükteki güçlerin arabuluculuğu üzerine yapılan karşılaştırmalı çalışmalar, başarının üç unsura dayandığını öne sürüyor: taraflar üzerinde kaldıraç, her iki tarafa da erişim ve arabulucunun tarafsızlığına duyulan güven.[^1]",
                "Türkiye'nin erişim avantajı belirgin. Ankara, birbiriyle doğrudan konuşmayan başkentlerle diplomatik kanallarını açık tuttu ve teknik düzeyde görüşmelere ev sahipliği yaptı. Bu yılın başında yapılan son müzakere turunda taraflar, ayrıntıları ele alacak teknik bir komite kurulmasında uzlaştı.[^2]",
                "Bu rolün tarihsel kökleri de var. 2000'lerin başından bu yana Türk dış politikası kendisini Doğu ile Batı arasında bir köprü olarak tanımladı; ancak köprü söylemi çoğu zaman somut kurumsal kapasitenin önüne geçti.[^3] Bugünkü fark, Dışişleri Bakanlığı'nın arabuluculuk için uzmanlaşmış bir birim ve deneyimli bir müzakereci kadrosu oluşturmuş olmasıdır.[^4]",
                "## Karadeniz sınavı",
                "Karadeniz'deki tahıl görüşmeleri bu kapasitenin en görünür sınavı oldu. Sevkiyatların yeniden başlaması dünya gıda fiyatları üzerinde ölçülebilir bir etki yarattı; ancak çeyreklik veriler, düzenlemenin dayanıklılığının tarafların süregelen siyasi iradesine bağlı olduğunu gösteriyor.[^5] Boğazlar üzerindeki denetim Türkiye'ye önemli bir kaldıraç sağlıyor, ancak bu kaldıraç dikkatsizce kullanıldığında tarafsızlık algısını zedeleyebilir.[^6]",
                "Türkiye'nin arabuluculuk rolünün kalıcı olup olmayacağı, kaldıraç ile güven arasındaki dengeyi koruyabilmesine bağlı. Ankara'nın NATO üyeliği ve bölgesel çıkarları, onu hiçbir zaman tamamen tarafsız bir aktör yapmayacak. Ancak arabuluculukta belirleyici olan mutlak tarafsızlık değil, güvenilirliktir: taraflar Türkiye'nin sözünü tutacağına inandıkça müzakere masası Ankara'da kurulmaya devam edecek.",
            ],
            "en": [
                "Over the past decade Türkiye has hosted and facilitated a series of negotiations, from grain shipments to prisoner exchanges. Comparative studies of mediation by middle powers suggest that success rests on three ingredients: leverage over the parties, access to both sides and trust in the mediator's impartiality.[^1]",
                "Türkiye's advantage in access is clear. Ankara has kept diplomatic channels open to capitals that do not speak to each other directly and has hosted talks at the technical level. In the latest round of negotiations earlier this year, the parties agreed to set up a technical committee to work through the details.[^2]",
                "The role also has historical roots. Since the early 2000s Turkish foreign policy has described itself as a bridge between East and West, although the rhetoric of the bridge often ran ahead of concrete institutional capacity.[^3] The difference today is that the foreign ministry has built a specialised mediation unit and a cadre of experienced negotiators.[^4]",
                "## The Black Sea test",
                "The grain talks in the Black Sea were the most visible test of that capacity. The resumption of shipments had a measurable effect on world food prices, but quarterly data show that the durability of the arrangement depends on the continued political will of the parties.[^5] Control over the Straits gives Türkiye considerable leverage, yet that leverage, used carelessly, can damage the perception of impartiality.[^6]",
                "Whether Türkiye's role as a mediator lasts will depend on its ability to balance leverage and trust. Ankara's NATO membership and regional interests mean it will never be an entirely neutral actor. But in mediation what counts is not absolute neutrality but reliability: as long as the parties believe that Türkiye will keep its word, the negotiating table will continue to be set in Ankara.",
            ],
            "ru": [
                "За последнее десятилетие Турция принимала и сопровождала целый ряд переговоров — от поставок зерна до обмена пленными. Сравнительные исследования посредничества средних держав показывают, что успех зависит от трёх составляющих: рычагов влияния на стороны, доступа к обеим сторонам и доверия к беспристрастности посредника.[^1]",
                "Преимущество Турции в доступе очевидно. Анкара сохраняла дипломатические каналы со столицами, которые не разговаривают друг с другом напрямую, и принимала переговоры на техническом уровне. В ходе последнего раунда в начале этого года стороны договорились создать технический комитет для проработки деталей.[^2]",
                "У этой роли есть и исторические корни. С начала 2000-х годов турецкая внешняя политика описывала себя как мост между Востоком и Западом, хотя риторика моста нередко опережала реальные институциональные возможности.[^3] Сегодня отличие в том, что министерство иностранных дел создало специализированное подразделение по посредничеству и подготовило кадры опытных переговорщиков.[^4]",
                "## Черноморская проверка",
                "Зерновые переговоры на Чёрном море стали самой заметной проверкой этих возможностей. Возобновление поставок ощутимо повлияло на мировые цены на продовольствие, однако квартальные данные показывают, что устойчивость договорённости зависит от неизменной политической воли сторон.[^5] Контроль над проливами даёт Турции значительные рычаги, но при неосторожном использовании они могут подорвать представление о её беспристрастности.[^6]",
                "Сохранится ли посредническая роль Турции, зависит от её способности уравновешивать рычаги и доверие. Членство Анкары в НАТО и её региональные интересы означают, что она никогда не будет полностью нейтральной стороной. Но в посредничестве решающее значение имеет не абсолютная нейтральность, а надёжность: пока стороны верят, что Турция сдержит слово, стол переговоров будет накрываться в Анкаре.",
            ],
        },
        "highlights": [
            {
                "tr": "Orta büyüklükteki güçlerin arabuluculuğu kaldıraç, erişim ve güvene dayanır.",
                "en": "Mediation by middle powers rests on leverage, access and trust.",
                "ru": "Посредничество средних держав опирается на рычаги влияния, доступ и доверие.",
            },
            {
                "tr": "Türkiye, birbiriyle doğrudan konuşmayan başkentlerle kanallarını açık tutarak erişim avantajı kazandı.",
                "en": "Türkiye gained an advantage in access by keeping channels open to capitals that do not talk to each other.",
                "ru": "Турция получила преимущество в доступе, сохраняя каналы связи со столицами, не разговаривающими друг с другом.",
            },
            {
                "tr": "Boğazlar üzerindeki denetim kaldıraç sağlar, ancak tarafsızlık algısını zedeleyebilir.",
                "en": "Control over the Straits provides leverage but can damage the perception of impartiality.",
                "ru": "Контроль над проливами даёт рычаги, но может подорвать представление о беспристрастности.",
            },
            {
                "tr": "Arabuluculukta belirleyici olan mutlak tarafsızlık değil, güvenilirliktir.",
                "en": "In mediation, reliability matters more than absolute neutrality.",
                "ru": "В посредничестве надёжность важнее абсолютной нейтральности.",
            },
        ],
        "citations": [
            {
                "source": "middle-power-mediation",
                "accessed_on": date(2026, 4, 14),
                "locator": "pp. 305–311",
            },
            {
                "source": "ankara-talks-news",
                "accessed_on": date(2026, 4, 16),
                "note": {
                    "tr": "Haber, görüşmelere katılan bir yetkilinin açıklamalarına dayanıyor.",
                    "en": "The report relies on statements by an official who took part in the talks; in Turkish.",
                    "ru": "Сообщение основано на заявлениях участвовавшего в переговорах должностного лица; на турецком языке.",
                },
            },
            {
                "source": "bridges-and-brokers",
                "accessed_on": date(2026, 4, 20),
                "locator": "pp. 41–58",
            },
            {"source": "mediation-unit-statement", "accessed_on": date(2026, 4, 21)},
            {
                "source": "grain-monitor-q4-2025",
                "accessed_on": date(2026, 4, 23),
                "locator": "pp. 3–5",
            },
            {
                "source": "littoral-states-journal",
                "accessed_on": date(2026, 4, 27),
                "locator": "p. 422",
            },
        ],
    },
    {
        "slug": "critical-minerals-industrial-policy-central-asia",
        "type": "analysis",
        "original_language": "en",
        "topics": ["economy-trade", "energy-security", "international-relations"],
        "regions": ["central-asia", "europe"],
        "authors": ["irina-volkova", "selin-aksoy"],
        "featured": False,
        "state": "published",
        "publish_at": datetime(2026, 9, 15, 8, 0),
        "title": {
            "en": "Critical Minerals and Europe's Industrial Policy: What Central Asia Can Offer",
            "tr": "Kritik Mineraller ve Avrupa'nın Sanayi Politikası: Orta Asya Ne Sunabilir?",
        },
        "summary": {
            "en": "Europe wants to diversify its supply of critical raw materials, and Central Asia has many of them in the ground. The harder question is where the processing, the investment and the political risk will sit.",
            "tr": "Avrupa, kritik ham madde tedarikini çeşitlendirmek istiyor ve Orta Asya'nın topraklarında bu maddelerin pek çoğu bulunuyor. Daha zor soru, işlemenin, yatırımın ve siyasi riskin nerede konumlanacağı.",
        },
        "body": {
            "en": [
                "Europe's industrial strategy now rests on a short list of materials it cannot produce in sufficient quantities: lithium, rare earth elements, cobalt, tungsten and a handful of others. Demand for several of them is expected to triple by the end of the decade, while processing capacity remains concentrated in a single country.[^1]",
                "New European legislation sets benchmarks for domestic extraction, processing and recycling, and caps the share of any strategic material that may come from one third country.[^2] Meeting those benchmarks will require partners. Central Asian governments have noticed: at a recent investment forum in Brussels, ministers from the region presented deposits of tungsten, rare earths and lithium to European battery makers.[^3]",
                "## The processing bottleneck",
                "Geology is the easy part. Research on mineral supply chains shows that the real bottleneck lies in processing, which is energy-intensive, capital-intensive and environmentally demanding.[^4] If Central Asia merely exports concentrates, Europe's dependence on third-country refiners will remain unchanged and the region will capture little of the value.",
                "Energy links the two agendas. Processing plants need cheap, reliable and increasingly low-carbon power. Central Asia's gas and hydropower resources could supply it, but the same resources are courted by export markets, and regional grids are strained in dry years.[^5]",
                "There are precedents worth remembering. Energy corridors in the region succeeded when they were backed by long-term commercial commitments rather than political declarations.[^6] The same will apply to minerals. Europe should offer offtake agreements for processed materials, co-financing for local refining and technical support for environmental standards. Without that, strategic partnerships will remain lists of deposits on a conference slide.",
            ],
            "tr": [
                "Avrupa'nın sanayi stratejisi artık yeterli miktarda üretemediği kısa bir malzeme listesine dayanıyor: lityum, nadir toprak elementleri, kobalt, tungsten ve birkaç başkası. Bunların birçoğuna olan talebin on yılın sonuna kadar üç katına çıkması beklenirken işleme kapasitesi tek bir ülkede yoğunlaşmış durumda.[^1]",
                "Avrupa'nın yeni mevzuatı, yurt içi çıkarma, işleme ve geri dönüşüm için hedefler belirliyor ve herhangi bir stratejik malzemenin tek bir üçüncü ülkeden gelebilecek payına sınır getiriyor.[^2] Bu hedeflere ulaşmak ortaklar gerektirecek. Orta Asya hükümetleri bunun farkında: Brüksel'de yakın zamanda düzenlenen bir yatırım forumunda bölge bakanları, tungsten, nadir toprak ve lityum yataklarını Avrupalı batarya üreticilerine tanıttı.[^3]",
                "## İşleme darboğazı",
                "Jeoloji işin kolay kısmı. Maden tedarik zincirleri üzerine yapılan araştırmalar, asıl darboğazın enerji yoğun, sermaye yoğun ve çevresel açıdan zorlu olan işleme aşamasında olduğunu gösteriyor.[^4] Orta Asya yalnızca konsantre ihraç ederse, Avrupa'nın üçüncü ülkelerdeki rafinerilere bağımlılığı değişmeyecek ve bölge katma değerin çok azını elde edecek.",
                "Enerji, iki gündem arasındaki bağlantı noktası. İşleme tesisleri ucuz, güvenilir ve giderek daha düşük karbonlu elektriğe ihtiyaç duyuyor. Orta Asya'nın gaz ve hidroelektrik kaynakları bu ihtiyacı karşılayabilir; ancak aynı kaynaklar ihracat pazarlarının da ilgisini çekiyor ve bölgesel şebekeler kurak yıllarda zorlanıyor.[^5]",
                "Hatırlanmaya değer örnekler var. Bölgedeki enerji koridorları, siyasi bildirgelerle değil uzun vadeli ticari taahhütlerle desteklendiklerinde başarılı oldu.[^6] Aynı kural mineraller için de geçerli olacak. Avrupa, işlenmiş malzemeler için alım anlaşmaları, yerel rafinaj için ortak finansman ve çevre standartlarına yönelik teknik destek sunmalı. Aksi hâlde stratejik ortaklıklar, konferans sunumlarındaki maden yatağı listeleri olarak kalacak.",
            ],
        },
        "highlights": [
            {
                "en": "Demand for several critical raw materials could triple by 2030, while processing stays concentrated.",
                "tr": "Birçok kritik ham maddeye olan talep 2030'a kadar üç katına çıkabilir; işleme ise tek bir yerde yoğunlaşmış durumda.",
            },
            {
                "en": "Central Asia has the deposits; the bottleneck is processing capacity and investment.",
                "tr": "Orta Asya'da yataklar var; darboğaz işleme kapasitesinde ve yatırımda.",
            },
            {
                "en": "Europe should offer offtake agreements and co-financing for refining in the region, not only buy concentrates.",
                "tr": "Avrupa yalnızca konsantre satın almamalı, bölgedeki rafinaj için alım anlaşmaları ve ortak finansman sunmalı.",
            },
        ],
        "citations": [
            {
                "source": "critical-materials-outlook",
                "accessed_on": date(2026, 8, 24),
                "locator": "fig. 1.3",
            },
            {
                "source": "critical-materials-act",
                "accessed_on": date(2026, 8, 25),
                "locator": "§ 2",
            },
            {"source": "battery-forum-news", "accessed_on": date(2026, 8, 26)},
            {
                "source": "processing-bottlenecks",
                "accessed_on": date(2026, 8, 28),
                "locator": "pp. 80–85",
            },
            {"source": "eurasian-gas-review", "accessed_on": date(2026, 9, 1), "locator": "p. 44"},
            {"source": "pipelines-and-power", "accessed_on": date(2026, 9, 2), "locator": "ch. 9"},
        ],
    },
    {
        "slug": "risk-reduction-after-the-treaties",
        "type": "commentary",
        "original_language": "en",
        "topics": ["security-defence"],
        "regions": ["europe", "black-sea"],
        "authors": ["daniel-whitcombe"],
        "featured": False,
        "state": "published",
        "publish_at": datetime(2026, 10, 20, 9, 0),
        "title": {"en": "Risk Reduction After the Treaties: A Modest Agenda for European Security"},
        "summary": {
            "en": "With most of Europe's arms control treaties suspended or abandoned, the realistic goal is not a new grand bargain but a set of practical measures that make accidents and misreadings less likely.",
        },
        "body": {
            "en": [
                "The architecture of European arms control, built between the late 1980s and the early 2000s, has largely collapsed. Treaties limiting conventional forces, intermediate-range missiles and observation flights have been suspended or abandoned, and no negotiations to replace them are in sight. Scholars have begun to describe the current period as one of arms control after the treaties, in which informal measures must carry most of the weight.[^1]",
                "The first priority is communication. A direct military hotline between two capitals was tested this spring for the first time in three years, a small event that received little attention but matters a great deal in a crisis.[^2] Hotlines are useful only if they are staffed, tested and trusted; a regular testing schedule should be agreed and published.",
                "The second priority is predictability. Advance notification of large exercises and missile tests, once a treaty obligation, now depends on goodwill. A catalogue of voluntary measures of this kind already exists and could be revived with little negotiation.[^3]",
                "The third priority is the sea and the air, where forces operate closest to each other. Incidents-at-sea agreements have a long record of surviving political crises, and recent proposals for the Black Sea show how they could be adapted to drones and uncrewed vessels.[^4]",
                "None of these measures will restore the treaty system, and none requires trust between governments that do not trust each other. That is precisely their strength. In a period of confrontation, the aim of arms control is not to end rivalry but to keep it from producing a war nobody chose.",
            ],
        },
        "highlights": [
            {
                "en": "Most of Europe's arms control treaties have been suspended or abandoned, with no replacement in sight."
            },
            {
                "en": "Hotlines, exercise notification and incidents-at-sea rules can reduce risk without requiring trust."
            },
            {"en": "In a confrontation, the aim of arms control is to prevent a war nobody chose."},
        ],
        "citations": [
            {
                "source": "after-the-treaties",
                "accessed_on": date(2026, 10, 2),
                "locator": "pp. 53–60",
            },
            {"source": "hotline-test-news", "accessed_on": date(2026, 10, 5)},
            {"source": "risk-reduction-primer", "accessed_on": date(2026, 10, 6)},
            {
                "source": "littoral-states-journal",
                "accessed_on": date(2026, 10, 8),
                "locator": "pp. 424–427",
            },
        ],
    },
    {
        "slug": "remittances-household-resilience-central-asia",
        "type": "report",
        "original_language": "en",
        "topics": ["migration", "economy-trade"],
        "regions": ["central-asia"],
        "authors": ["irina-volkova", "marta-lindqvist"],
        "featured": False,
        "state": "draft",
        "title": {
            "en": "Remittances and Household Resilience in Central Asia",
            "tr": "Orta Asya'da İşçi Dövizleri ve Hane Dayanıklılığı",
        },
        "summary": {
            "en": "Money sent home by migrant workers sustains millions of households in Central Asia. This report examines how remittances cushion economic and climate shocks, and what happens when they falter.",
            "tr": "Göçmen işçilerin ülkelerine gönderdiği para, Orta Asya'da milyonlarca haneyi ayakta tutuyor. Bu rapor, işçi dövizlerinin ekonomik ve iklimsel şokları nasıl hafiflettiğini ve bu akışlar zayıfladığında neler olduğunu inceliyor.",
        },
        "body": {
            "en": [
                "Remittances are among the largest sources of foreign income for several Central Asian economies, in some years exceeding a quarter of gross domestic product. After a sharp rise in 2022 and 2023, flows stabilised in 2025 but remain far above their pre-pandemic level.[^1]",
                "Household surveys suggest that remittances work as a form of insurance. Families with a member working abroad are better able to absorb a poor harvest, a medical emergency or a sudden rise in food prices, and they are less likely to sell livestock or take children out of school.[^2]",
                "This insurance has a price. Remittances are exposed to the currency of the host country; when it weakens, incomes at home fall at once, as the sharp depreciation episodes of recent years demonstrated.[^3] They also depend on the immigration rules of a small number of destination countries, several of which have tightened registration requirements.",
                "## Diversifying destinations",
                "New destinations are emerging. Labour shortages in parts of Europe and East Asia have encouraged governments to open seasonal and skilled-worker schemes, some of which now recruit directly in Central Asia.[^4] Diversification would reduce exposure to any single economy, though the numbers involved remain small.",
                "Remittances are increasingly tied to climate stress as well. In districts hit by drought, the share of households sending a member abroad has risen, and remittances replace part of the lost agricultural income.[^5] Policy should treat remittances as part of the region's adaptation capacity, lower the cost of sending money home and support productive investment of the funds received.",
            ],
            "tr": [
                "İşçi dövizleri, birçok Orta Asya ekonomisi için en büyük dış gelir kaynakları arasında yer alıyor ve bazı yıllarda gayrisafi yurt içi hasılanın dörtte birini aşıyor. 2022 ve 2023'teki keskin artışın ardından akışlar 2025'te istikrar kazandı, ancak hâlâ salgın öncesi düzeyin çok üzerinde.[^1]",
                "Hane anketleri, işçi dövizlerinin bir tür sigorta işlevi gördüğünü gösteriyor. Bir üyesi yurt dışında çalışan aileler kötü bir hasadı, sağlıkla ilgili acil bir durumu ya da gıda fiyatlarındaki ani bir artışı daha kolay atlatabiliyor; hayvanlarını satma ya da çocuklarını okuldan alma olasılıkları daha düşük.[^2]",
                "Bu sigortanın bir bedeli var. İşçi dövizleri ev sahibi ülkenin para birimine bağlı; bu para birimi değer kaybettiğinde, son yıllardaki sert değer kaybı dönemlerinin gösterdiği gibi, ülkedeki gelirler hemen düşüyor.[^3] Akışlar ayrıca, birkaçı kayıt kurallarını sıkılaştırmış olan az sayıdaki hedef ülkenin göç mevzuatına da bağlı.",
                "## Hedef ülkelerin çeşitlendirilmesi",
                "Yeni hedef ülkeler ortaya çıkıyor. Avrupa ve Doğu Asya'nın bazı bölgelerindeki işgücü açığı, hükümetleri mevsimlik ve nitelikli işçi programları açmaya yöneltti; bu programların bir kısmı artık doğrudan Orta Asya'dan işçi alıyor.[^4] Çeşitlendirme tek bir ekonomiye bağımlılığı azaltacaktır; ancak söz konusu sayılar henüz küçük.",
                "İşçi dövizleri giderek iklim stresine de bağlanıyor. Kuraklıktan etkilenen ilçelerde yurt dışına üye gönderen hanelerin oranı arttı ve işçi dövizleri kaybedilen tarımsal gelirin bir kısmını telafi ediyor.[^5] Politikalar işçi dövizlerini bölgenin uyum kapasitesinin bir parçası olarak ele almalı, para gönderme maliyetini düşürmeli ve gelen paranın üretken yatırımlara yönlendirilmesini desteklemeli.",
            ],
        },
        "highlights": [
            {
                "en": "In some years remittances exceed a quarter of GDP in several Central Asian economies.",
                "tr": "Bazı yıllarda işçi dövizleri birçok Orta Asya ekonomisinde GSYH'nin dörtte birini aşıyor.",
            },
            {
                "en": "Families with a member abroad cope better with harvest failures and price shocks.",
                "tr": "Bir üyesi yurt dışında çalışan aileler hasat kayıplarını ve fiyat şoklarını daha kolay atlatıyor.",
            },
            {
                "en": "Dependence on a few host currencies and immigration regimes makes this insurance fragile.",
                "tr": "Az sayıda para birimine ve göç rejimine bağımlılık bu sigortayı kırılgan kılıyor.",
            },
        ],
        "citations": [
            {
                "source": "remittances-brief-41",
                "accessed_on": date(2026, 10, 12),
                "locator": "pp. 2–4",
            },
            {
                "source": "remittances-insurance-journal",
                "accessed_on": date(2026, 10, 13),
                "locator": "pp. 195–201",
            },
            {"source": "fx-monthly-averages", "accessed_on": date(2026, 10, 14)},
            {"source": "seasonal-visa-news", "accessed_on": date(2026, 10, 15)},
            {
                "source": "dry-summer-hydropower",
                "accessed_on": date(2026, 10, 19),
                "note": {
                    "en": "On the drought of 2025 and its effect on rural incomes.",
                    "tr": "2025 kuraklığı ve bunun kırsal gelirlere etkisi üzerine.",
                },
            },
        ],
    },
    {
        "slug": "wiring-the-south-caucasus-electricity-interconnectors",
        "type": "analysis",
        "original_language": "en",
        "topics": ["energy-security", "climate-environment"],
        "regions": ["south-caucasus", "black-sea"],
        "authors": ["selin-aksoy"],
        "featured": False,
        "state": "scheduled",
        "title": {
            "en": "Wiring the South Caucasus: Electricity Interconnectors and Regional Integration"
        },
        "summary": {
            "en": "Plans for a submarine power cable under the Black Sea and new interconnectors across the South Caucasus could turn the region into an electricity corridor. The technical case is strong; the political sequencing is not.",
        },
        "body": {
            "en": [
                "For three decades the South Caucasus has been discussed as a transit corridor for oil and gas. A newer debate concerns electricity. A feasibility study for a submarine cable under the Black Sea concluded that a link of around 1,000 megawatts is technically feasible and could be commercially viable if supported by long-term capacity contracts.[^1]",
                "The grids on either side are moving closer. Transmission operators in the region signed a memorandum this year on preparing for synchronous operation, a step that requires years of technical work on frequency control and the sharing of reserves.[^2]",
                "Electricity trade would complement rather than replace gas. Caspian producers are looking for ways to earn money from their renewable resources and to free up gas for export, and power exports offer one route.[^3] Long-term contracts will again be decisive: research on gas supply shows how difficult it is to finance infrastructure when buyers expect their demand to fall.[^4]",
                "The political sequencing is the harder part. Interconnectors create mutual dependence, which is their purpose, but they also create new vulnerabilities, as the history of pipeline disputes in the region shows.[^5] Clear rules on third-party access, transparent tariffs and independent regulators are preconditions, not afterthoughts.",
                "If these conditions are met, the South Caucasus could become a meeting point of three electricity systems rather than the periphery of each. That would be a modest but real contribution to regional stability.",
            ],
        },
        "highlights": [
            {
                "en": "A submarine power cable under the Black Sea is technically feasible and could be commercially viable."
            },
            {
                "en": "Electricity trade would complement Caspian gas exports rather than replace them."
            },
            {
                "en": "Third-party access, transparent tariffs and independent regulators must come first."
            },
        ],
        "citations": [
            {
                "source": "black-sea-cable-study",
                "accessed_on": date(2026, 11, 2),
                "locator": "p. 12",
            },
            {"source": "grid-sync-news", "accessed_on": date(2026, 11, 3)},
            {
                "source": "eurasian-gas-review",
                "accessed_on": date(2026, 11, 5),
                "locator": "pp. 60–62",
            },
            {
                "source": "gas-contracts-journal",
                "accessed_on": date(2026, 11, 6),
                "locator": "p. 137",
            },
            {"source": "pipelines-and-power", "accessed_on": date(2026, 11, 9), "locator": "ch. 4"},
        ],
    },
]
