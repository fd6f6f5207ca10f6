from modeltranslation.translator import TranslationOptions, register

from people.models import Person


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("position", "biography", "expertise")
