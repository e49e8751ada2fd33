//! IRI constants: schema.org, the project's own vocabulary, and the few W3C terms we write.
//!
//! Every IRI the exporters write that is not minted from data comes from here, so the
//! vocabulary is defined once (and documented in `schema/talkgraph.ttl`).

/// `https://schema.org/` terms.
pub mod schema {
    /// The schema.org namespace.
    pub const NS: &str = "https://schema.org/";
    macro_rules! terms {
        ($($name:ident = $local:literal),* $(,)?) => {
            $(#[doc = concat!("`schema:", $local, "`")]
            pub const $name: &str = concat!("https://schema.org/", $local);)*
        };
    }
    terms! {
        EVENT = "Event", PERSON = "Person", ORGANIZATION = "Organization",
        SOFTWARE_APPLICATION = "SoftwareApplication", SOFTWARE_SOURCE_CODE = "SoftwareSourceCode",
        PRESENTATION_DIGITAL_DOCUMENT = "PresentationDigitalDocument", VIDEO_OBJECT = "VideoObject",
        BOOK = "Book", WEB_PAGE = "WebPage", THING = "Thing",
        NAME = "name", URL = "url", DESCRIPTION = "description", START_DATE = "startDate",
        SUPER_EVENT = "superEvent", SUB_EVENT = "subEvent", ADDITIONAL_TYPE = "additionalType",
        PERFORMER = "performer", AFFILIATION = "affiliation", WORK_FEATURED = "workFeatured",
        RECORDED_IN = "recordedIn", MENTIONS = "mentions", AUTHOR = "author",
        CODE_REPOSITORY = "codeRepository", TARGET_PRODUCT = "targetProduct", PUBLISHER = "publisher",
        SAME_AS = "sameAs",
    }
}

/// The project's own terms (talk kinds), under [`tg::NS`].
pub mod tg {
    /// The talkgraph vocabulary namespace (see `schema/talkgraph.ttl`).
    pub const NS: &str = "https://w3id.org/talkgraph/vocab#";
    macro_rules! terms {
        ($($name:ident = $local:literal),* $(,)?) => {
            $(#[doc = concat!("`tg:", $local, "`")]
            pub const $name: &str = concat!("https://w3id.org/talkgraph/vocab#", $local);)*
        };
    }
    terms! {
        KEYNOTE = "Keynote", TALK = "Talk", WORKSHOP = "Workshop", TUTORIAL = "Tutorial",
        PANEL = "Panel", LIGHTNING_TALK = "LightningTalk", INFERRED_MENTION = "inferredMention",
    }
}

/// `rdf:` terms.
pub mod rdf {
    /// `rdf:type`
    pub const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
}

/// `xsd:` datatypes.
pub mod xsd {
    /// The XML Schema datatypes namespace.
    pub const NS: &str = "http://www.w3.org/2001/XMLSchema#";
    /// `xsd:date`
    pub const DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
    /// `xsd:dateTime`
    pub const DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
}

/// The default base under which entity IRIs are minted (`--base` changes it).
///
/// `.example` is reserved (RFC 2606): it never resolves, so data exported with the default
/// cannot be mistaken for a published dataset. Set `--base` to a namespace you control.
pub const DEFAULT_BASE: &str = "https://talkgraph.example/id/";
