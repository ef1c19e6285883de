def question_from_legacy(element):
    raise NotImplementedError
