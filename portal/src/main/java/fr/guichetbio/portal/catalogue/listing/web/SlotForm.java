package fr.guichetbio.portal.catalogue.listing.web;

import static fr.guichetbio.portal.catalogue.listing.web.SiteForm.blankToNull;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Availability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Text;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** An open slot: a period, the modality it is open to, optionally a stage, a volume, a number of slots. */
public class SlotForm {

    @NotNull(message = "{listing.slot.from.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;

    @NotNull(message = "{listing.slot.to.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;

    @NotNull(message = "{listing.capability.modality.required}")
    private Vocabulary.Modality modality;

    private Vocabulary.Stage stage;

    @DecimalMin(value = "0", inclusive = false, message = "{listing.bioreactor.volume.range}")
    private BigDecimal workingVolumeLitres;

    @Min(value = 1, message = "{listing.slot.slots.range}")
    @Max(value = 1000, message = "{listing.slot.slots.range}")
    private Integer slots;

    @Size(max = 5000, message = "{listing.field.tooLong}")
    private String noteFr;

    @Size(max = 5000, message = "{listing.field.tooLong}")
    private String noteEn;

    private int version;

    public static SlotForm empty(int version) {
        SlotForm form = new SlotForm();
        form.version = version;
        return form;
    }

    public static SlotForm of(Availability slot, int version) {
        SlotForm form = new SlotForm();
        form.from = LocalDate.parse(slot.from());
        form.to = LocalDate.parse(slot.to());
        form.modality = Vocabulary.Modality.valueOf(slot.modality());
        form.stage = slot.stage() == null ? null : Vocabulary.Stage.valueOf(slot.stage());
        form.workingVolumeLitres = slot.workingVolumeLitres();
        form.slots = slot.slots();
        if (slot.note() != null) {
            form.noteFr = slot.note().fr();
            form.noteEn = slot.note().en();
        }
        form.version = version;
        return form;
    }

    public Availability toAvailability() {
        return new Availability(
                from.toString(),
                to.toString(),
                modality.name(),
                stage == null ? null : stage.name(),
                workingVolumeLitres == null ? null : workingVolumeLitres.stripTrailingZeros(),
                slots,
                Text.of(blankToNull(noteFr), blankToNull(noteEn)));
    }

    @AssertTrue(message = "{listing.slot.dates.order}")
    public boolean isPeriodValid() {
        return from == null || to == null || !to.isBefore(from);
    }

    /** A slot that is already over would never be shown: refuse it rather than lose it silently. */
    @AssertTrue(message = "{listing.slot.dates.past}")
    public boolean isNotOver() {
        return to == null || !to.isBefore(LocalDate.now());
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public Vocabulary.Modality getModality() {
        return modality;
    }

    public void setModality(Vocabulary.Modality modality) {
        this.modality = modality;
    }

    public Vocabulary.Stage getStage() {
        return stage;
    }

    public void setStage(Vocabulary.Stage stage) {
        this.stage = stage;
    }

    public BigDecimal getWorkingVolumeLitres() {
        return workingVolumeLitres;
    }

    public void setWorkingVolumeLitres(BigDecimal workingVolumeLitres) {
        this.workingVolumeLitres = workingVolumeLitres;
    }

    public Integer getSlots() {
        return slots;
    }

    public void setSlots(Integer slots) {
        this.slots = slots;
    }

    public String getNoteFr() {
        return noteFr;
    }

    public void setNoteFr(String noteFr) {
        this.noteFr = noteFr;
    }

    public String getNoteEn() {
        return noteEn;
    }

    public void setNoteEn(String noteEn) {
        this.noteEn = noteEn;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
