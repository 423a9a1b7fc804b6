package fr.guichetbio.portal.catalogue.vocabulary;

import fr.guichetbio.portal.organisation.OrganisationKind;

/**
 * The codes of the catalogue/v1 contract ({@code vocabulary/bioproduction.md}). Each code's label is the message
 * {@code vocabulary.<facet>.<CODE>} in French and English, e.g. {@code vocabulary.modality.MAB}.
 */
public final class Vocabulary {

    private Vocabulary() {}

    /** A code with a label in the message bundles. */
    public interface Coded {
        String name();

        /** The facet in message keys, e.g. {@code modality}. */
        String facet();

        default String code() {
            return name();
        }

        default String messageKey() {
            return Vocabulary.messageKey(facet(), code());
        }
    }

    /** The message key of a code's label, e.g. {@code vocabulary.modality.MAB}. */
    public static String messageKey(String facet, String code) {
        return "vocabulary." + facet + "." + code;
    }

    /** What is manufactured; the EU product type (section 1.3.1.x of the Union format) in {@code productType}. */
    public enum Modality implements Coded {
        MAB("1.3.1.5"),
        RECOMBINANT_PROTEIN("1.3.1.5"),
        VACCINE("1.3.1.2"),
        MRNA_LNP("1.3.1.2"),
        PLASMID_DNA("1.3.1.4"),
        AAV("1.3.1.4"),
        LENTIVIRUS("1.3.1.4"),
        OTHER_VIRAL_VECTOR("1.3.1.4"),
        GENE_MODIFIED_CELLS("1.3.1.3"),
        CELL_THERAPY("1.3.1.3"),
        TISSUE_ENGINEERED("1.3.1.7"),
        BLOOD_DERIVED("1.3.1.1"),
        EXTRACTED_BIOLOGIC("1.3.1.6"),
        OTHER_BIOLOGIC("1.3.1.8");

        private final String productType;

        Modality(String productType) {
            this.productType = productType;
        }

        public String productType() {
            return productType;
        }

        @Override
        public String facet() {
            return "modality";
        }
    }

    /** Process steps offered. */
    public enum Service implements Coded {
        CELL_LINE_DEVELOPMENT,
        CELL_BANKING,
        PROCESS_DEVELOPMENT,
        ANALYTICAL_DEVELOPMENT,
        UPSTREAM,
        DOWNSTREAM,
        FORMULATION,
        FILL_FINISH,
        LYOPHILISATION,
        QC_TESTING,
        BATCH_RELEASE,
        STABILITY_STUDIES,
        TECH_TRANSFER,
        CRYOSTORAGE_LOGISTICS,
        REGULATORY_SUPPORT;

        @Override
        public String facet() {
            return "service";
        }
    }

    /** Development stage served. */
    public enum Stage implements Coded {
        RESEARCH,
        PRECLINICAL,
        CLINICAL_EARLY,
        CLINICAL_LATE,
        COMMERCIAL;

        @Override
        public String facet() {
            return "stage";
        }
    }

    public enum ExpressionSystem implements Coded {
        CHO,
        HEK293,
        E_COLI,
        YEAST,
        INSECT_BACULOVIRUS,
        PLANT,
        VERO,
        OTHER;

        @Override
        public String facet() {
            return "expressionSystem";
        }
    }

    /** The production technologies of the seed's levers (catalogue/v1 {@code technologies}, optional). */
    public enum Technology implements Coded {
        PAT_ONLINE_CONTROL,
        CONTINUOUS_UPSTREAM,
        CONTINUOUS_DOWNSTREAM,
        PROCESS_MODELLING_DIGITAL_TWIN,
        AUTOMATED_CLOSED_SYSTEMS,
        MICROFLUIDICS,
        MODULAR_FLEXIBLE_FACILITY,
        POINT_OF_CARE,
        REAL_TIME_RELEASE;

        @Override
        public String facet() {
            return "technology";
        }
    }

    public enum BioreactorTechnology implements Coded {
        SINGLE_USE,
        STAINLESS_STEEL;

        @Override
        public String facet() {
            return "bioreactorTechnology";
        }
    }

    public enum EvidenceKind implements Coded {
        MANUFACTURING_AUTHORISATION,
        GMP_CERTIFICATE,
        FDA_INSPECTION,
        NON_COMPLIANCE_STATEMENT;

        @Override
        public String facet() {
            return "evidenceKind";
        }
    }

    public enum EvidenceOutcome implements Coded {
        COMPLIANT,
        NAI,
        VAI,
        OAI,
        NON_COMPLIANT;

        @Override
        public String facet() {
            return "evidenceOutcome";
        }
    }

    /** How far a claim was checked; users must see which. Declared from the weakest: the order ranks them. */
    public enum VerificationLevel implements Coded {
        SELF_DECLARED,
        DOCUMENT_CHECKED,
        REGISTRY_MATCHED;

        @Override
        public String facet() {
            return "verification";
        }
    }

    /** What an organisation is in the catalogue (finer than the portal's organisation kind). */
    public enum CatalogueKind implements Coded {
        CDMO,
        CMO,
        CRO,
        ACADEMIC_PLATFORM,
        HOSPITAL_PLATFORM,
        INTEGRATED_PHARMA,
        BIOTECH;

        // The one mapping between the contract's catalogue kinds and the portal's organisation kinds, both ways.

        /** The portal kind of an organisation an import creates: those that buy capacity are sponsors. */
        public OrganisationKind organisationKind() {
            return this == BIOTECH || this == INTEGRATED_PHARMA
                    ? OrganisationKind.SPONSOR
                    : OrganisationKind.MANUFACTURER;
        }

        /** The catalogue kind an organisation without one gets when its first site is listed. */
        public static CatalogueKind of(OrganisationKind kind) {
            return switch (kind) {
                case SPONSOR -> BIOTECH;
                case MANUFACTURER -> CDMO;
                case TRAINING_PROVIDER, PUBLIC_AGENCY -> ACADEMIC_PLATFORM;
            };
        }

        @Override
        public String facet() {
            return "catalogueKind";
        }
    }

    /** French regions by INSEE code. */
    public enum Region implements Coded {
        ILE_DE_FRANCE("11"),
        CENTRE_VAL_DE_LOIRE("24"),
        BOURGOGNE_FRANCHE_COMTE("27"),
        NORMANDIE("28"),
        HAUTS_DE_FRANCE("32"),
        GRAND_EST("44"),
        PAYS_DE_LA_LOIRE("52"),
        BRETAGNE("53"),
        NOUVELLE_AQUITAINE("75"),
        OCCITANIE("76"),
        AUVERGNE_RHONE_ALPES("84"),
        PROVENCE_ALPES_COTE_D_AZUR("93"),
        CORSE("94"),
        GUADELOUPE("01"),
        MARTINIQUE("02"),
        GUYANE("03"),
        LA_REUNION("04"),
        MAYOTTE("06");

        private final String inseeCode;

        Region(String inseeCode) {
            this.inseeCode = inseeCode;
        }

        public String inseeCode() {
            return inseeCode;
        }

        /** The message key uses the INSEE code: {@code vocabulary.region.84}. */
        @Override
        public String code() {
            return inseeCode;
        }

        @Override
        public String facet() {
            return "region";
        }

        public static java.util.Optional<Region> ofCode(String code) {
            for (Region region : values()) {
                if (region.inseeCode.equals(code)) {
                    return java.util.Optional.of(region);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** All codes of all facets, for the label test and pages. */
    public static java.util.List<Coded> all() {
        java.util.List<Coded> all = new java.util.ArrayList<>();
        for (Class<? extends Enum<?>> type : java.util.List.<Class<? extends Enum<?>>>of(
                Modality.class,
                Service.class,
                Stage.class,
                ExpressionSystem.class,
                Technology.class,
                BioreactorTechnology.class,
                EvidenceKind.class,
                EvidenceOutcome.class,
                VerificationLevel.class,
                CatalogueKind.class,
                Region.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                all.add((Coded) constant);
            }
        }
        return all;
    }
}
