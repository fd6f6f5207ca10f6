from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.validators import validate_orcid
from thinktank.richtext import RichTextField


class Honorific(models.TextChoices):
    NONE = "", _("(none)")
    DR = "dr", _("Dr.")
    PROF = "prof", _("Prof.")
    PROF_DR = "prof_dr", _("Prof. Dr.")
    ASSOC_PROF = "assoc_prof", _("Assoc. Prof.")
    AMBASSADOR = "amb", _("Amb.")


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Person(models.Model):
    honorific = models.CharField(
        _("honorific"), max_length=16, choices=Honorific.choices, blank=True, default=""
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the address of the person's page."),
    )
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_("For example “Asia-Pacific Specialist”."),
    )
    biography = RichTextField(_("biography"), blank=True)
    expertise = models.CharField(
        _("areas of expertise"),
        max_length=500,
        blank=True,
        help_text=_("Separate the areas with commas."),
    )
    # From the media library (by name, not import: people sits below it), shown as a square
    # crop at each box's size. The library is the only way a picture comes in: the older
    # ``photo`` upload was moved into it by migration and removed.
    portrait = models.ForeignKey(
        "library.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portrait_of",
        verbose_name=_("portrait"),
        help_text=_(
            "From the image library: shown as a square cropped around the focal point set "
            "there (its centre when none is set)."
        ),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("For the editors only; never shown on the site.")
    )
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive people keep their articles but leave the people list."),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # People in name order, stopping early: the home page's first few experts with
            # articles are probed one by one in this order instead of all of them.
            models.Index(fields=["family_name", "given_name"], name="person_name_idx"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def display_name(self):
        """Name with honorific, as in a byline: “Dr. Ayla Demir”."""
        if self.honorific:
            return f"{self.get_honorific_display()} {self.full_name}"
        return self.full_name

    @property
    def expertise_list(self):
        return [area.strip() for area in (self.expertise or "").split(",") if area.strip()]

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})


class PersonLink(models.Model):
    class Kind(models.TextChoices):
        WEBSITE = "website", _("Website")
        X = "x", "X"
        LINKEDIN = "linkedin", "LinkedIn"
        SCHOLAR = "scholar", "Google Scholar"
        RESEARCHGATE = "researchgate", "ResearchGate"
        OTHER = "other", _("Other")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="links", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WEBSITE)
    url = models.URLField(_("address"), max_length=500)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("public link")
        verbose_name_plural = _("public links")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"
