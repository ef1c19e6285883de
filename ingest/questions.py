def question_from_dict(body):
    raise NotImplementedError
