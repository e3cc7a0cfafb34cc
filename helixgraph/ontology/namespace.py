"""The helixgraph ontology as a closed rdflib namespace: ``ECO.Company``, ``ECO.sector``.

Generated from the ontology by ``python -m helixgraph.ontology.generate``; do not edit by hand.
A name that is not in the ontology raises AttributeError instead of minting a new IRI.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class ECO(DefinedNamespace):
    """Terms of the helixgraph ontology (classes, properties, concepts)."""

    _NS = Namespace("https://w3id.org/helixgraph/ontology#")
    _fail = True

    AIClassIIIDeviceCertificates: URIRef  # How many Class III registration certificates for AI-related medical devices have been obtained.
    AIHealthcare: URIRef  # Artificial intelligence applied to diagnosis, treatment and care, AI medical devices among them.
    AcademiaResearch: URIRef  # Universities, research institutes and laboratories (CORDIS HES and REC; ROR education and facility).
    AcceleratedApproval: URIRef  # Marketing authorised on a surrogate or intermediate endpoint, with confirmatory trials required.
    AcceleratedApprovalPathway: URIRef  # Approval on a surrogate endpoint, confirmed by later trials.
    AccessibleHospitalBeds: URIRef  # Hospital beds available to an area's actors at nearby facilities.
    Actor: URIRef  # Anything that takes part in the ecosystem as an agent: an organisation, a person, or a counted but unnamed group of them.
    ActorCohort: URIRef  # A set of actors that a source counts or describes together without naming them, such as the neuroscience companies of a park.
    AdministrativeArea: URIRef  # A country, province, city or district: a jurisdiction or reference area of a statistic.
    AffiliationLayer: URIRef  # Who belongs to, leads, founded or speaks for which organisation, and which organisation is part of which.
    AnalysisRun: URIRef  # One computation of network measures over a projection of the graph; its results form a named graph of their own.
    Antibodies: URIRef  # Medicines based on monoclonal antibodies.
    ApplicationAccepted: URIRef  # A regulator accepts an application to market a product for review.
    Approval: URIRef  # Any decision that lets a product be marketed or used outside trials; the approvals below are narrower.
    ApprovalProperty: URIRef  # A property whose statements record that a regulator has authorised a product: a product with such a statement counts as approved.
    ApprovalTypes: URIRef  # The event types that authorise marketing.
    Approximately: URIRef  # The number is rounded: minValue and maxValue hold the interval it stands for (the curator's reading of the rounding), value is left out.
    Approximation: URIRef  # How exactly a source states a number: more than, at least, nearly, about, or exactly.
    ApproximationScheme: URIRef  # How a source qualifies a number; Wikidata's P1480 'sourcing circumstances' plays the same part.
    Area: URIRef  # The surface of a place.
    AtLeast: URIRef  # The number is an inclusive lower bound: minValue holds it, value is left out.
    AuthorisationWithdrawn: URIRef  # An authorisation to market a product ends, at the regulator's or the holder's initiative.
    BLAAccepted: URIRef  # A regulator accepts an application to market a biological product for review.
    BrainComputerInterfaces: URIRef  # Devices that link the brain with computers.
    BreakthroughTherapyDesignation: URIRef  # A regulator designates a product as a breakthrough therapy for an indication.
    BreakthroughTherapyPathway: URIRef  # Early and intensive regulator guidance for a product that may be much better than existing therapy.
    CGTClinicalTrialApprovals: URIRef  # How many clinical trial approvals cell and gene therapy products have received.
    CGTPipelineProducts: URIRef  # How many cell and gene therapy products are in development pipelines.
    CellGeneTherapy: URIRef  # Therapies that use living cells or genetic material.
    ChanceTest: URIRef  # A figure of an analysis run set against its distribution under a null model: the observed value, the expected value or the null's mean and spread, the p-value, the number of draws and the seed.
    ClinicSectors: URIRef  # The sectors whose actors are where research-to-clinic translation arrives.
    ClinicalResearch: URIRef  # Research in patients and the translation of findings into care.
    ClinicalTrial: URIRef  # A study of a product in people, identified where possible by its registry number.
    ClinicalTrialApproval: URIRef  # A regulator allows a clinical trial to start.
    CoFounder: URIRef  # One of the people who founded an organisation.
    CoLocationLayer: URIRef  # Where actors are. Places are context: co-location ties are drawn but never ranked, and the analysis keeps them as each actor's places.
    CollaborationLayer: URIRef  # Help and joint work between organisations: incubation, services, funding.
    CompaniesSupported: URIRef  # How many early-stage companies an intermediary has supported.
    Company: URIRef  # A business organisation that develops, makes or sells products or services.
    CompleteResponseLetter: URIRef  # A regulator declines to approve an application in its present form.
    ConditionalApproval: URIRef  # A regulator authorises marketing on condition that confirmatory data follow.
    ConditionalApprovalPathway: URIRef  # Marketing on early evidence, with confirmatory studies required.
    DateValue: URIRef  # A calendar date known to the day, the month or the year: xsd:date, xsd:gYearMonth or xsd:gYear, the most precise the source supports.
    DesignationRescinded: URIRef  # A regulator withdraws an earlier designation.
    DeviceClearance: URIRef  # A device may be marketed because it is shown equivalent to one already legally on the market.
    DeviceRegistration: URIRef  # A regulator registers a medical device of a given class.
    DigitalHealth: URIRef  # Software, data and digital services for medicine.
    DigitalMedicalFirms: URIRef  # How many digital medical companies an area hosts.
    Disease: URIRef  # A medical condition that a product is investigated for or approved to treat.
    Drug: URIRef  # A medicinal product. Its INN, development code and brand name are kept as separate identifiers.
    EMAAcceleratedAssessment: URIRef  # The term the European Medicines Agency uses; see the generic concept it matches.
    EMAConditionalMarketingAuthorisation: URIRef  # The term the European Medicines Agency uses; see the generic concept it matches.
    EMAMarketingAuthorisation: URIRef  # The term the European Medicines Agency uses; see the generic concept it matches.
    EMAMarketingAuthorisationApplication: URIRef  # The term the European Medicines Agency uses; see the generic concept it matches.
    EMAPrime: URIRef  # The term the European Medicines Agency uses; see the generic concept it matches.
    EMATerms: URIRef
    EMAWithdrawal: URIRef  # The term the European Medicines Agency uses; see the generic concept it matches.
    EmergencyUseAuthorisation: URIRef  # Use of an unapproved product, or of an approved one for a new use, allowed for the time of a declared emergency.
    EmergencyUsePathway: URIRef  # Authorisation for the duration of a declared public-health emergency.
    Exact: URIRef  # The number is stated exactly: value holds it.
    ExpeditedDesignation: URIRef  # A regulator admits a product to one of its programmes that speed development or review.
    FDA510k: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDAAcceleratedApproval: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDAApproval: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDABiologicsLicenseApplication: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDABreakthroughTherapy: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDAEmergencyUseAuthorization: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDAFastTrack: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDANewDrugApplication: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDAPriorityReview: URIRef  # The term the U.S. Food and Drug Administration uses; see the generic concept it matches.
    FDATerms: URIRef
    FastTrackDesignation: URIRef  # A product for a serious condition with an unmet need gets more frequent contact with the regulator and a review in parts.
    FastTrackPathway: URIRef  # Frequent contact with the regulator and rolling review for a product that addresses an unmet need.
    FigureAttributionTie: URIRef
    FlowScheme: URIRef
    Forecast: URIRef  # An expected future event as stated by a source at its date. A forecast is kept after the fact and linked to the event that fulfilled it.
    FromObject: URIRef  # The flow runs from the property's object (the pattern's to role) to its subject (the from role).
    FromSubject: URIRef  # The flow runs from the property's subject (the pattern's from role) to its object (the to role).
    FullApproval: URIRef  # A regulator authorises marketing without conditions.
    Funding: URIRef  # Money or support in kind one actor gives another, as a node that carries the amount, its currency, the date and the source.
    FundingTie: URIRef
    GovernanceTie: URIRef
    Government: URIRef  # Governments, administrations and regulators (CORDIS PUB; ROR government).
    GovernmentBody: URIRef  # A public authority: a city or district government, a ministry, or a park administration.
    Healthcare: URIRef  # Hospitals and clinics (ROR healthcare).
    Hepatology: URIRef  # Diseases of the liver, viral hepatitis among them.
    Hospital: URIRef  # A healthcare organisation with beds for inpatients; a site of clinical research and translation.
    ImplantSurgeries: URIRef  # How many implant operations a device trial has performed.
    Incubator: URIRef  # An intermediary that hosts and supports early-stage companies.
    Industry: URIRef  # Companies (CORDIS PRC; ROR company).
    IndustryEvent: URIRef  # A summit, conference, forum or fair where actors of the ecosystem meet and speak.
    InnovativeDrugs: URIRef  # Discovery and development of novel medicines.
    InnovativePharmaCompanies: URIRef  # How many innovative pharmaceutical companies an area hosts.
    Intermediary: URIRef  # Incubators, service platforms, park operators and other bridging organisations (CORDIS OTH).
    IntermediaryOrganisation: URIRef  # An organisation that connects or serves other actors rather than doing research, making products or treating patients: the intermediary sector of the Triple Helix.
    Laboratory: URIRef  # A research institute organised as a laboratory, such as a national laboratory.
    LifeSciences: URIRef  # Basic biological and biomedical research.
    Measure: URIRef  # What a statistic counts or measures.
    MeasureScheme: URIRef  # What the statistics of an ecosystem count or measure.
    MedicalDevice: URIRef  # An instrument, implant or software used for a medical purpose.
    MedicalDevices: URIRef  # Instruments, implants and equipment for medical use.
    Membership: URIRef  # A person's role in an organisation, as a node that carries the role, its dates and its source.
    MembershipTie: URIRef
    MoreThan: URIRef  # The number is an exclusive lower bound: minValue holds it, value is left out.
    Mutual: URIRef  # The tie has no direction of flow; directed analyses read it both ways.
    NDAAccepted: URIRef  # A regulator accepts a marketing application for review.
    NMPAApplicationAccepted: URIRef  # The term China's National Medical Products Administration uses; see the generic concept it matches.
    NMPABreakthroughTherapy: URIRef  # The term China's National Medical Products Administration uses; see the generic concept it matches.
    NMPAConditionalApproval: URIRef  # The term China's National Medical Products Administration uses; see the generic concept it matches.
    NMPADeviceRegistration: URIRef  # The term China's National Medical Products Administration uses; see the generic concept it matches.
    NMPAPriorityReview: URIRef  # The term China's National Medical Products Administration uses; see the generic concept it matches.
    NMPASpecialApproval: URIRef  # The term China's National Medical Products Administration uses; see the generic concept it matches.
    NMPATerms: URIRef
    Nearly: URIRef  # The number ('nearly', 'almost') is an exclusive upper bound that the true value comes close to: maxValue holds it, value is left out.
    NetworkLayer: URIRef  # A kind of relation between the actors and products of an ecosystem.
    NetworkLayerScheme: URIRef  # The kinds of relation the ecosystem's network is made of, analysed together or one by one.
    NetworkMeasure: URIRef  # A measure of a node's position in the network, computed by an analysis run.
    Neuroscience: URIRef  # The science of the nervous system and its products.
    NeuroscienceCompanies: URIRef  # How many neuroscience companies an area has attracted.
    Organisation: URIRef  # An organisation that acts in the ecosystem. Every organisation belongs to one Triple-Helix sector.
    Passage: URIRef  # A numbered paragraph of a source, the finest place a fact is pointed to.
    Person: URIRef  # A human being. Positions and affiliations are memberships, never plain strings on the person.
    Place: URIRef  # A geographic area or site.
    Plan: URIRef  # An intention an actor or a park has announced, not yet carried out at the source's date.
    Policy: URIRef  # A law, regulation or support measure issued or announced by a government body.
    PrincipalInvestigator: URIRef  # The head of a research group.
    PriorityMedicineEligibility: URIRef  # Early scientific support and a faster assessment for a medicine that may meet an unmet need.
    PriorityMedicinePathway: URIRef  # Early and enhanced scientific support for medicines that may meet an unmet need.
    PriorityReviewGranted: URIRef  # A regulator puts an application on its priority review track.
    PriorityReviewPathway: URIRef  # A shorter review clock; in China about 130 working days instead of about 200.
    Product: URIRef  # A medical product developed in the ecosystem: a drug or a device.
    QuotedForTie: URIRef
    RegulationLayer: URIRef  # Regulators' decisions on products, and plans and policies issued for actors or places.
    Regulator: URIRef  # A government body that authorises medicines, devices or clinical trials.
    RegulatoryDecisionTie: URIRef
    RegulatoryEvent: URIRef  # The regulator is not required: a source may report a decision by where it applies without naming the authority. A dated decision or milestone of a regulator about a product: a designation, an application accepted, an approval, a rejection.
    RegulatoryEventType: URIRef  # A kind of regulatory decision or milestone.
    RegulatoryEventTypeScheme: URIRef  # Kinds of regulatory decisions, after the FHIR RegulatedAuthorization case types.
    RegulatoryPathway: URIRef  # An expedited programme under which a regulatory event takes place.
    RegulatoryPathwayScheme: URIRef  # Programmes that speed the development or review of a product; each regulator names its own (see regulation.ttl for the FDA, EMA and NMPA terms).
    ResearchGroup: URIRef  # A principal investigator's team inside a research organisation; not a legal entity.
    ResearchInstitute: URIRef  # An organisation whose main activity is scientific research.
    ResearchSectors: URIRef  # The sectors whose actors are where research-to-clinic translation starts.
    Role: URIRef  # A position or function a person holds in an organisation.
    RoleScheme: URIRef
    SciencePark: URIRef  # A bounded area planned to host research organisations, companies and services of one or more technology fields. The park is the area; its operator and administrators are separate organisations.
    Sector: URIRef  # A Triple-Helix sector an organisation belongs to.
    SectorScheme: URIRef  # The sectors of the Triple Helix, with healthcare and intermediaries kept apart as innovation-system studies of biomedicine do.
    SeniorResearcher: URIRef  # A senior scientific post at a research organisation.
    ServicePlatform: URIRef  # An intermediary that offers shared facilities or professional services to the park's actors.
    ServicePlatformsAndIncubators: URIRef  # How many service platforms and incubators an area hosts.
    ShareOfAIClassIIIDeviceCertificates: URIRef  # An area's certificates as a percentage of a larger area's.
    ShareOfCGTClinicalTrialApprovals: URIRef  # An area's approvals as a percentage of a larger area's.
    Source: URIRef  # A document facts are taken from: a news article, a report, a registry page. Each source is a named graph of its own.
    SpecialApprovalPathway: URIRef  # Emergency authorisation during a public-health emergency.
    Spokesperson: URIRef  # A person who speaks for an organisation.
    Statement: URIRef  # A view, claim or remark a source quotes from a person or organisation, summarised in the project's own words.
    Statistic: URIRef  # One number stated by a source, kept with its measure, qualifier, unit, reference area and date, the words it was stated in, and for a share its denominator.
    TechFieldScheme: URIRef
    TechnologyField: URIRef  # A field of science or technology an actor or product works in.
    TiePattern: URIRef  # An n-ary record (a membership, a regulatory event, a trial, a statement) that ties two of the actors or products it names.
    TranslationLayer: URIRef  # Research turned into products and products taken to patients: research a product rests on, who develops it, trials and their sites.
    TrialSiteTie: URIRef
    TrialSponsorTie: URIRef
    University: URIRef  # An organisation that teaches to degree level and carries out research.
    VicePresidentOperations: URIRef  # An executive in charge of a company's operations.
    Withdrawal: URIRef  # A regulator, or the holder, ends an authorisation or a designation granted earlier.
    aboutEntity: URIRef  # The park, actor, cohort or product a statistic describes.
    amount: URIRef  # How much money, in the currency given with it.
    approvedFor: URIRef  # A condition a regulator has authorised the product to treat (conditionally or fully).
    approximation: URIRef  # How exactly the number was stated.
    asOfDate: URIRef  # The date an analysis was restricted to: only sources issued on or before it were used.
    attestedOn: URIRef  # A date on which a source shows a membership or fact to hold, when its start is unknown.
    attributedTo: URIRef  # The person or organisation a source quotes for a statement, statistic or forecast.
    basedOnResearchOf: URIRef  # The research organisation or group whose findings a product builds on.
    betweenness: URIRef  # Share of shortest paths between other nodes that pass through a node (Freeman 1977).
    brandName: URIRef  # A trade or transliterated name of a product.
    caveat: URIRef  # What limits a claim or its fulfilment, in the project's own words, such as an approval narrower than the forecast it fulfils.
    chanceTest: URIRef  # A figure of this analysis run tested against a null model.
    community: URIRef  # Number of the Louvain community the node belongs to.
    componentsAfter: URIRef  # Connected components after the top broker is removed.
    componentsBefore: URIRef  # Connected components before the top broker is removed.
    concerns: URIRef  # What a plan or policy is about or is meant to benefit.
    condition: URIRef  # The condition a clinical trial studies.
    confidence: URIRef  # The curator's confidence in a source or fact: high, medium, low.
    constraint: URIRef  # How much a node's ties are redundant with each other; low values mean brokerage opportunity (Burt 1992).
    coordinator: URIRef  # Gould-Fernandez count of open two-paths inside one sector brokered by the node.
    coreNumber: URIRef  # The largest k such that the node belongs to the k-core.
    curatorReason: URIRef  # Why the curator added a statement the source does not make: the inference drawn, or the knowledge used and where it can be checked.
    currency: URIRef  # The ISO 4217 code of the amount's currency.
    date: URIRef  # When an event took place, to the day, month or year.
    degree: URIRef  # Share of the other nodes a node is tied to (Freeman).
    denominatorArea: URIRef  # For a share, the area of the total it is a share of.
    denominatorMeasure: URIRef  # For a share, the measure of the total it is a share of.
    developedBy: URIRef  # The organisation or cohort that develops a product.
    developmentCode: URIRef  # A sponsor's code for a product in development.
    displayColour: URIRef  # The colour, as #rrggbb, the explorer draws members of this class or actors of this sector in.
    draws: URIRef  # How many networks the null model drew.
    effectiveSize: URIRef  # Number of a node's contacts minus their redundancy (Burt 1992).
    efficiency: URIRef  # Effective size divided by degree.
    eiIndex: URIRef  # Krackhardt's external-internal index of ties across sectors: -1 all within, +1 all across.
    eigenvector: URIRef  # Centrality from being tied to central nodes (Bonacich), computed per component.
    endDate: URIRef  # When a membership, plan or policy ended.
    eventType: URIRef  # What kind of regulatory event this is.
    evidence: URIRef  # A passage of a source that states this fact.
    expectedEventType: URIRef  # The kind of event a forecast expects.
    expectedFrom: URIRef  # The start of the window in which a forecast expects its event.
    expectedUntil: URIRef  # The end of the window in which a forecast expects its event.
    expectedValue: URIRef  # The figure's exact expectation under the null model, where it is known.
    externalIdentifier: URIRef  # A key another registry gives the entity; each registry has a property of its own below this one.
    firstForIndication: URIRef  # True for an approval that is the first of any product for its indication in its jurisdiction.
    firstInClass: URIRef  # True for a product with a new mechanism of action, as the source states.
    firstOfKindIn: URIRef  # The area in which the source calls this the first of its kind.
    flow: URIRef  # Which way knowledge, products or authority pass along a tie, relative to the property's subject and object (or the pattern's from and to roles).
    format: URIRef  # A regular expression that every value of the property must match in full.
    formatExample: URIRef  # A well-formed value of the property, for error messages and docs.
    founded: URIRef  # When an organisation was established.
    fromRole: URIRef  # The property of the record that names one end of the tie.
    fulfilledBy: URIRef  # The event that made a forecast come true.
    funder: URIRef  # Who gives the funding.
    gatekeeper: URIRef  # Gould-Fernandez count of two-paths into the node's sector from another.
    harmonic: URIRef  # Mean inverse distance to the other nodes, defined on disconnected graphs.
    headSector: URIRef  # The sector of the ties' other end, in a cell of a run's sector mixing matrix.
    inCohort: URIRef  # A counted group of actors that a source names this actor as one of.
    indication: URIRef  # The condition a designation or authorisation covers.
    inferred: URIRef  # On a reified statement (rdf:Statement): true when the curator added the statement from an inference or outside knowledge, false when the source states it.
    inn: URIRef  # The WHO INN of a drug.
    investigatedFor: URIRef  # A condition a product is being developed or tested for, approved or not.
    isMachineTranslation: URIRef  # True when the text read is a machine translation of the original.
    isShare: URIRef  # Whether a percentage is a share of a total (the default, which needs a denominator); false for a rate such as a vaccine's efficacy or a response rate.
    issuedBy: URIRef  # The government body or place that announces a plan or policy.
    itinerant: URIRef  # Gould-Fernandez count of two-paths between members of one sector through a node of another.
    jurisdiction: URIRef  # Where a regulatory decision applies.
    largestComponentAfter: URIRef  # Nodes in the largest component after removal.
    largestComponentBefore: URIRef  # Nodes in the largest component before removal.
    lei: URIRef  # The ISO 17442 code of a legal entity: 18 letters or digits and two check digits.
    liaison: URIRef  # Gould-Fernandez count of two-paths between two other sectors through a node of a third.
    locatedIn: URIRef  # The place an actor is based at, or a place lies within.
    locatedNear: URIRef  # A place an actor is close to and serves, without being inside it (hospitals near a park).
    madeAt: URIRef  # The industry event at which a statement was made.
    maxValue: URIRef  # An upper bound: exclusive for 'nearly' and 'almost', the high end of the interval an 'about' stands for.
    measure: URIRef  # What a statistic measures.
    member: URIRef  # The person who holds a membership.
    minValue: URIRef  # A lower bound: exclusive for 'more than', inclusive for 'at least', the low end of the interval an 'about' stands for.
    modality: URIRef  # The kind of product: monoclonal antibody, implant, software.
    modularity: URIRef  # Modularity of the Louvain partition.
    nationalLevel: URIRef  # True for institutions the source describes as national-level.
    nctId: URIRef  # The trial's NCT number in the registry of the U.S. National Library of Medicine.
    networkExclusion: URIRef  # Why the property makes no tie between actors or products.
    networkLayer: URIRef  # The layer of the ecosystem's network that ties made by this property or pattern belong to.
    nodeAttribute: URIRef  # The property describes the node it is stated on and is kept as this attribute of it, not as a tie.
    notEarlierThan: URIRef  # The earliest date an undated event can have taken place, such as the date of the decision it followed.
    notLaterThan: URIRef  # The latest date an undated event can have taken place, usually the date of the source that reports it as past.
    nullMean: URIRef  # The mean of the figure over the null model's draws.
    nullModel: URIRef  # How the null distribution was drawn.
    nullSd: URIRef  # The standard deviation of the figure over the null model's draws.
    observedValue: URIRef  # The figure on the network as it is.
    operates: URIRef  # An organisation runs a park or facility.
    orcid: URIRef  # The person's ORCID identifier, four blocks of four characters, without https://orcid.org/.
    organization: URIRef  # The organisation a membership is in.
    originalLanguage: URIRef  # The language of the version that prevails, when the text read is a translation.
    pValue: URIRef  # The share of draws at least as extreme as the observed figure (with the +1 correction).
    pagerank: URIRef  # Stationary share of a random walk with restarts (Brin and Page).
    paragraphNumber: URIRef
    pathway: URIRef  # The expedited programme a regulatory event belongs to.
    patternClass: URIRef  # The class of the records a tie pattern reads (its subclasses included).
    quote: URIRef  # The few words of the source (fewer than eight) that state a value, kept on its reified statement.
    recipient: URIRef  # Who receives the funding.
    refArea: URIRef  # The area a statistic refers to.
    refTime: URIRef  # When a statistic holds: the source's date unless the text says otherwise.
    registryId: URIRef  # A trial registry number such as an NCT id.
    regulator: URIRef  # The authority that took, or is expected to take, a regulatory decision.
    removedBroker: URIRef  # The top broker removed in the robustness check.
    representative: URIRef  # Gould-Fernandez count of two-paths from the node's sector to another.
    researchClinicBetweenness: URIRef  # Betweenness counted only on shortest paths from research organisations to hospitals, regulators and approved products.
    researchFocus: URIRef  # What an organisation or cohort concentrates on, in the project's own words.
    retrieved: URIRef  # When the project read the source.
    role: URIRef  # The role held in a membership.
    rorId: URIRef  # The organisation's identifier in the Research Organization Registry, without https://ror.org/.
    sameAs: URIRef  # Another local id names the same entity (two projects that chose different ids); the network and the explorer treat both as one node.
    sector: URIRef  # The Triple-Helix sector of an organisation or cohort.
    seed: URIRef  # The seed of the null model's random draws.
    setting: URIRef  # A parameter the analysis run used (a seed, a sample size, an engine, a count of what it rested on): a node with its name as rdfs:label and its typed value as rdf:value.
    shareOf: URIRef  # For a share, the statistic of the part whose share of the total this is.
    softwareVersion: URIRef  # The helixgraph version that computed an analysis run.
    speakingFor: URIRef  # The organisation on whose behalf a quoted statement was made.
    sponsor: URIRef  # The organisation responsible for a clinical trial.
    startDate: URIRef  # When a membership, plan or policy began.
    statedAs: URIRef  # The short surface wording of a number or forecast in the source, such as 'over 1,000'.
    status: URIRef  # The state of a plan or policy at the source's date: planned, announced, in force.
    studiedProduct: URIRef  # The product a clinical trial studies.
    subOrganizationOf: URIRef  # An organisation is a unit of another.
    subject: URIRef  # The product a regulatory event or forecast is about.
    supersededBy: URIRef  # A later statement or event that replaces this one; the old one is kept.
    supports: URIRef  # An intermediary has given incubation, services or funding to other actors.
    tailSector: URIRef  # The sector of the ties' one end, in a cell of a run's sector mixing matrix (a qb:Observation).
    technologyField: URIRef  # A field an actor, product or cohort works in.
    testedFigure: URIRef  # Which figure is tested: the E-I index, modularity, Triple Helix synergy T(UIG).
    tieCount: URIRef  # How many ties a figure rests on, or (on a mixing-matrix observation) how many ties run from one sector to another.
    tieDate: URIRef  # A property of the record that dates the tie; the first one a record gives is used.
    tieLabel: URIRef  # A property of the record whose value's English label names the tie (a membership's role, an event's type).
    toRole: URIRef  # The property of the record that names the other end of the tie.
    trialSite: URIRef  # A hospital or clinic where a trial runs.
    unifiedSocialCreditCode: URIRef  # The 18-character registration code of an organisation in mainland China (GB 32100).
    unit: URIRef  # The unit of a statistic: companies, beds, km2, percent.
    value: URIRef  # The number as stated, for a statistic the source gives exactly; a qualified number keeps only its bounds (minValue, maxValue).
    wikidataId: URIRef  # The entity's item in Wikidata, as its Q-number.
