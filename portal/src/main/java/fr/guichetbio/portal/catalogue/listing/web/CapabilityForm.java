package fr.guichetbio.portal.catalogue.listing.web;

import static fr.guichetbio.portal.catalogue.listing.web.SiteForm.blankToNull;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Bioreactor;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Text;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A capability and its bioreactors. The form always offers a few empty bioreactor rows (no script needed to add
 * one); a row without a volume is left out.
 */
public class CapabilityForm {

    /** Empty rows shown under the existing bioreactors. */
    static final int SPARE_ROWS = 2;

    @NotNull(message = "{listing.capability.modality.required}")
    private Vocabulary.Modality modality;

    @NotEmpty(message = "{listing.capability.services.required}")
    private List<Vocabulary.Service> services = new ArrayList<>();

    @NotEmpty(message = "{listing.capability.stages.required}")
    private List<Vocabulary.Stage> stages = new ArrayList<>();

    private List<Vocabulary.ExpressionSystem> expressionSystems = new ArrayList<>();

    private List<Vocabulary.Technology> technologies = new ArrayList<>();

    /** "true", "false" or empty (not said). */
    private String gmp = "";

    @Min(value = 0, message = "{listing.capability.cleanroomSuites.range}")
    @Max(value = 1000, message = "{listing.capability.cleanroomSuites.range}")
    private Integer cleanroomSuites;

    @Min(value = 0, message = "{listing.capability.batchesPerYear.range}")
    @Max(value = 100000, message = "{listing.capability.batchesPerYear.range}")
    private Integer batchesPerYear;

    @Size(max = 5000, message = "{listing.field.tooLong}")
    private String notesFr;

    @Size(max = 5000, message = "{listing.field.tooLong}")
    private String notesEn;

    @Valid
    private List<BioreactorRow> bioreactors = new ArrayList<>();

    private int version;

    /** One bioreactor line: a technology, a working volume, a count (1 when empty). */
    public static class BioreactorRow {

        private Vocabulary.BioreactorTechnology technology;

        @DecimalMin(value = "0", inclusive = false, message = "{listing.bioreactor.volume.range}")
        @DecimalMax(value = "100000", message = "{listing.bioreactor.volume.range}")
        private BigDecimal workingVolumeLitres;

        @Min(value = 1, message = "{listing.bioreactor.count.range}")
        @Max(value = 1000, message = "{listing.bioreactor.count.range}")
        private Integer count;

        boolean isEmpty() {
            return technology == null && workingVolumeLitres == null && count == null;
        }

        @AssertTrue(message = "{listing.bioreactor.incomplete}")
        public boolean isComplete() {
            return isEmpty() || (technology != null && workingVolumeLitres != null);
        }

        public Vocabulary.BioreactorTechnology getTechnology() {
            return technology;
        }

        public void setTechnology(Vocabulary.BioreactorTechnology technology) {
            this.technology = technology;
        }

        public BigDecimal getWorkingVolumeLitres() {
            return workingVolumeLitres;
        }

        public void setWorkingVolumeLitres(BigDecimal workingVolumeLitres) {
            this.workingVolumeLitres = workingVolumeLitres;
        }

        public Integer getCount() {
            return count;
        }

        public void setCount(Integer count) {
            this.count = count;
        }
    }

    public static CapabilityForm empty(int version) {
        CapabilityForm form = new CapabilityForm();
        form.version = version;
        form.withSpareRows();
        return form;
    }

    public static CapabilityForm of(Capability capability, int version) {
        CapabilityForm form = new CapabilityForm();
        form.modality = Vocabulary.Modality.valueOf(capability.modality());
        form.services = codes(capability.services(), Vocabulary.Service::valueOf);
        form.stages = codes(capability.stages(), Vocabulary.Stage::valueOf);
        form.expressionSystems = codes(capability.expressionSystems(), Vocabulary.ExpressionSystem::valueOf);
        form.technologies = codes(capability.technologies(), Vocabulary.Technology::valueOf);
        form.gmp = capability.gmp() == null ? "" : capability.gmp().toString();
        form.cleanroomSuites = capability.cleanroomSuites();
        form.batchesPerYear = capability.batchesPerYear();
        if (capability.notes() != null) {
            form.notesFr = capability.notes().fr();
            form.notesEn = capability.notes().en();
        }
        if (capability.bioreactors() != null) {
            for (Bioreactor bioreactor : capability.bioreactors()) {
                BioreactorRow row = new BioreactorRow();
                row.technology = Vocabulary.BioreactorTechnology.valueOf(bioreactor.technology());
                row.workingVolumeLitres = bioreactor.workingVolumeLitres();
                row.count = bioreactor.count();
                form.bioreactors.add(row);
            }
        }
        form.version = version;
        form.withSpareRows();
        return form;
    }

    /** Adds empty rows up to {@link #SPARE_ROWS} after the filled ones (after a re-render too). */
    void withSpareRows() {
        bioreactors.removeIf(row -> row == null || row.isEmpty());
        for (int i = 0; i < SPARE_ROWS; i++) {
            bioreactors.add(new BioreactorRow());
        }
    }

    /** On a re-rendered form: the rows as typed (error messages point at their indexes), plus spare ones. */
    void withSpareRowsAfterErrors(org.springframework.validation.BindingResult errors) {
        if (!errors.hasErrors()) {
            return;
        }
        int trailingEmpty = 0;
        for (int i = bioreactors.size() - 1;
                i >= 0 && (bioreactors.get(i) == null || bioreactors.get(i).isEmpty());
                i--) {
            trailingEmpty++;
        }
        for (int i = trailingEmpty; i < SPARE_ROWS; i++) {
            bioreactors.add(new BioreactorRow());
        }
    }

    public Capability toCapability() {
        List<Bioreactor> reactors = bioreactors.stream()
                .filter(row -> row != null && !row.isEmpty())
                .map(row -> new Bioreactor(
                        row.technology.name(),
                        row.workingVolumeLitres.stripTrailingZeros(),
                        row.count == null ? 1 : row.count))
                .toList();
        return new Capability(
                modality.name(),
                services.stream().distinct().map(Enum::name).toList(),
                stages.stream().distinct().map(Enum::name).toList(),
                expressionSystems.isEmpty()
                        ? null
                        : expressionSystems.stream().distinct().map(Enum::name).toList(),
                gmp == null || gmp.isBlank() ? null : Boolean.valueOf(gmp),
                reactors.isEmpty() ? null : reactors,
                technologies.isEmpty()
                        ? null
                        : technologies.stream().distinct().map(Enum::name).toList(),
                cleanroomSuites,
                batchesPerYear,
                Text.of(blankToNull(notesFr), blankToNull(notesEn)));
    }

    private static <E> List<E> codes(List<String> codes, java.util.function.Function<String, E> valueOf) {
        return codes == null
                ? new ArrayList<>()
                : new ArrayList<>(codes.stream().map(valueOf).toList());
    }

    public Vocabulary.Modality getModality() {
        return modality;
    }

    public void setModality(Vocabulary.Modality modality) {
        this.modality = modality;
    }

    public List<Vocabulary.Service> getServices() {
        return services;
    }

    public void setServices(List<Vocabulary.Service> services) {
        this.services = services == null ? new ArrayList<>() : services;
    }

    public List<Vocabulary.Stage> getStages() {
        return stages;
    }

    public void setStages(List<Vocabulary.Stage> stages) {
        this.stages = stages == null ? new ArrayList<>() : stages;
    }

    public List<Vocabulary.ExpressionSystem> getExpressionSystems() {
        return expressionSystems;
    }

    public void setExpressionSystems(List<Vocabulary.ExpressionSystem> expressionSystems) {
        this.expressionSystems = expressionSystems == null ? new ArrayList<>() : expressionSystems;
    }

    public List<Vocabulary.Technology> getTechnologies() {
        return technologies;
    }

    public void setTechnologies(List<Vocabulary.Technology> technologies) {
        this.technologies = technologies == null ? new ArrayList<>() : technologies;
    }

    public String getGmp() {
        return gmp;
    }

    public void setGmp(String gmp) {
        this.gmp = gmp;
    }

    public Integer getCleanroomSuites() {
        return cleanroomSuites;
    }

    public void setCleanroomSuites(Integer cleanroomSuites) {
        this.cleanroomSuites = cleanroomSuites;
    }

    public Integer getBatchesPerYear() {
        return batchesPerYear;
    }

    public void setBatchesPerYear(Integer batchesPerYear) {
        this.batchesPerYear = batchesPerYear;
    }

    public String getNotesFr() {
        return notesFr;
    }

    public void setNotesFr(String notesFr) {
        this.notesFr = notesFr;
    }

    public String getNotesEn() {
        return notesEn;
    }

    public void setNotesEn(String notesEn) {
        this.notesEn = notesEn;
    }

    public List<BioreactorRow> getBioreactors() {
        return bioreactors;
    }

    public void setBioreactors(List<BioreactorRow> bioreactors) {
        this.bioreactors = bioreactors == null ? new ArrayList<>() : bioreactors;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
