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
        SAME_AS = "sameAs", BLOG_POSTING = "BlogPosting", DIGITAL_DOCUMENT = "DigitalDocument", ABOUT = "about",
        DATE_PUBLISHED = "datePublished", KEYWORDS = "keywords", IS_PART_OF = "isPartOf", EMAIL = "email",
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
        PATH = "path", SHA256 = "sha256", LINE = "line", SOURCE_LINE = "SourceLine",
    }
}

/// `rdf:` terms.
pub mod rdf {
    /// The RDF namespace.
    pub const NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    /// `rdf:type`
    pub const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    /// `rdf:Statement` (reification: provenance of one relation).
    pub const STATEMENT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
    /// `rdf:subject`
    pub const SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
    /// `rdf:predicate`
    pub const PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
    /// `rdf:object`
    pub const OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
}

/// PROV-O terms.
pub mod prov {
    /// The PROV-O namespace.
    pub const NS: &str = "http://www.w3.org/ns/prov#";
    /// `prov:wasDerivedFrom`
    pub const WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
}

/// OWL terms.
pub mod owl {
    /// The OWL namespace.
    pub const NS: &str = "http://www.w3.org/2002/07/owl#";
    /// `owl:sameAs`: two IRIs of one entity (same URL, other names).
    pub const SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
}

/// FOAF terms.
pub mod foaf {
    /// The FOAF namespace.
    pub const NS: &str = "http://xmlns.com/foaf/0.1/";
    /// `foaf:mbox_sha1sum`: SHA-1 of a `mailto:` IRI (pseudonymization, not anonymization).
    pub const MBOX_SHA1SUM: &str = "http://xmlns.com/foaf/0.1/mbox_sha1sum";
}

/// `xsd:` datatypes.
pub mod xsd {
    /// The XML Schema datatypes namespace.
    pub const NS: &str = "http://www.w3.org/2001/XMLSchema#";
    /// `xsd:date`
    pub const DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
    /// `xsd:dateTime`
    pub const DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
    /// `xsd:integer`
    pub const INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
}

/// The default base under which entity IRIs are minted (`--base` changes it).
///
/// `.example` is reserved (RFC 2606): it never resolves, so data exported with the default
/// cannot be mistaken for a published dataset. Set `--base` to a namespace you control.
pub const DEFAULT_BASE: &str = "https://talkgraph.example/id/";
