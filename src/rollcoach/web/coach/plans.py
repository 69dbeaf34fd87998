from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from rollcoach.web.coach.models import SessionLog
from rollcoach.web.coach.selectors import get_plan_for_user
from rollcoach.web.signed_in import SignedInRequest


@login_required
def plan_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    sessions = SessionLog.objects.filter(plan=plan).order_by("started_at")
    steps = plan.data["timeline"]["steps"]
    context = {
        "plan": plan,
        "items": plan.data["items"],
        "notes": plan.data.get("notes", []),
        "minutes": -(-plan.total_seconds // 60),
        "step_count": len(steps),
        "sessions": sessions,
    }
    return render(request, "coach/plan_detail.html", context)
